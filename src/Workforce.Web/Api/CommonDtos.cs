using Workforce.Application.Common.Import;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Api;

/// <summary>A page of items.</summary>
/// <typeparam name="T">Item type.</typeparam>
/// <param name="Items">This page.</param>
/// <param name="Total">Items over all pages.</param>
public sealed record PageDto<T>(IReadOnlyList<T> Items, int Total);

/// <summary>One bad cell or row of an import.</summary>
/// <param name="Row">1-based sheet row (0: the file).</param>
/// <param name="Column">Column letter and header, e.g. "C（身份证号）", or "-".</param>
/// <param name="Reason">Why, in the caller's language.</param>
public sealed record ImportRowErrorDto(int Row, string Column, string Reason);

/// <summary>Outcome of an import (all or nothing).</summary>
/// <param name="Rows">Data rows read.</param>
/// <param name="ValidRows">Rows without an error.</param>
/// <param name="Errors">Every error (up to the cap), by row and column.</param>
/// <param name="DryRun">Only checked.</param>
/// <param name="Written">All rows were written.</param>
public sealed record ImportReportDto(int Rows, int ValidRows, IReadOnlyList<ImportRowErrorDto> Errors, bool DryRun, bool Written)
{
    /// <summary>The report in the caller's language.</summary>
    public static ImportReportDto From(ImportReport report, UiText text)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(text);
        return new(report.Rows, report.ValidRows, [.. report.Errors.Select(e => new ImportRowErrorDto(e.Row, text.ImportColumn(e), text.Message(e.Reason)))], report.DryRun, report.Written);
    }
}

/// <summary>How many records a command recorded.</summary>
/// <param name="Recorded">Count.</param>
public sealed record RecordedDto(int Recorded);

/// <summary>How many records a command added.</summary>
/// <param name="Added">Count.</param>
public sealed record AddedDto(int Added);
