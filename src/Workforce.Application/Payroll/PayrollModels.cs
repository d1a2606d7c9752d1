using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Data;
using Workforce.Domain.Common;
using Workforce.Domain.Organisation;
using Workforce.Domain.Pay;
using Workforce.Domain.Workers;
using Workforce.Payroll;

namespace Workforce.Application.Payroll;


/// <summary>The district an officer pays, and the part of it they see.</summary>
/// <param name="DistrictId">District (root unit).</param>
/// <param name="DistrictPath">Its path.</param>
/// <param name="ScopePath">The officer's own unit path (the district or a part of it).</param>
public sealed record PayScope(long DistrictId, string DistrictPath, string ScopePath)
{
    /// <summary>True when the officer sees the whole district (runs, approvals and locks need it).</summary>
    public bool WholeDistrict => ScopePath == DistrictPath;
}

/// <summary>A period in the list.</summary>
public sealed record PeriodRow(YearMonth Month, PeriodStatus Status, PeriodTotals Totals, int Errors, Instant? CalculatedAt, bool Exists);

/// <summary>Who calculated, approved and locked a period (display names, null when not yet), and whether the reader ran it and so may not approve it.</summary>
public sealed record PeriodOfficers(string? CalculatedBy, string? ApprovedBy, string? LockedBy, bool ReaderRanIt);

/// <summary>The periods page: the rows, the month paid next, the first month chosen at go-live, whether any month is locked.</summary>
public sealed record PeriodList(IReadOnlyList<PeriodRow> Rows, YearMonth? Next, YearMonth? FirstMonth, bool AnyLocked);

/// <summary>A run as shown by the progress bar and the API.</summary>
public sealed record RunView(Guid Id, YearMonth Month, RunStatus Status, string Phase, int Processed, int Total, int Errors,
    Instant StartedAt, Instant? FinishedAt, RunTrigger Trigger, IReadOnlyList<Message> Report)
{
    /// <summary>Seconds since the start (to the end when finished).</summary>
    public double ElapsedSeconds(Instant now) => ((FinishedAt ?? now) - StartedAt).TotalSeconds;
}

/// <summary>A payslip row of the register; <paramref name="HiredThisYear"/> flags a worker hired in the month's tax year (cumulative withholding counts from the hire month).</summary>
public sealed record RegisterRow(long PayslipId, long WorkerId, string Name, long CommunityId, Post Post, int Grade,
    long GrossFen, long DeductionsFen, long TaxFen, long NetFen, long EmployerFen, bool HiredThisYear = false);

/// <summary>Totals of one unit in the register.</summary>
public sealed record UnitTotal(long UnitId, string Name, int Payslips, long GrossFen, long DeductionsFen, long TaxFen, long NetFen, long EmployerFen);

/// <summary>Total of one component in the register.</summary>
public sealed record ComponentTotal(string Code, Message Name, LineCategory Category, long AmountFen);

/// <summary>The register of a period for the officer's filter.</summary>
public sealed record RegisterView(PayPeriod Period, PagedResult<RegisterRow> Rows, IReadOnlyList<ComponentTotal> Components,
    IReadOnlyList<UnitTotal> Units, UnitTotal Total, IReadOnlyDictionary<long, string> UnitNames);

/// <summary>One line of a payslip page.</summary>
public sealed record PayslipLineView(string Code, Message Name, LineCategory Category, long AmountFen, LocalDate From, LocalDate To, Message Explanation, bool Retroactive);

/// <summary>A payslip page.</summary>
public sealed record PayslipView(long Id, long WorkerId, string WorkerName, string Community, YearMonth Month, PeriodStatus Status, Post Post, int Grade,
    string RuleSet, Payslip Payslip, IReadOnlyList<PayslipLineView> Lines);

/// <summary>A payslip in a history list.</summary>
public sealed record PayslipSummary(long Id, YearMonth Month, PeriodStatus Status, Post Post, int Grade, long GrossFen, long DeductionsFen, long TaxFen, long NetFen, bool HasCorrections);


/// <summary>A component column of the register sheet.</summary>
/// <param name="Code">Component code.</param>
/// <param name="Name">Its name in the rule set.</param>
public sealed record RegisterColumn(string Code, Message Name);

/// <summary>A payslip row of the register sheet, with the amount of each component column (0: none).</summary>
public sealed record RegisterSheetRow(long WorkerId, string Name, string? Community, Post Post, int Grade, IReadOnlyList<long> AmountsFen,
    long GrossFen, long DeductionsFen, long TaxFen, long NetFen, long EmployerFen);

/// <summary>The register of a period as a sheet: the component columns and the rows, streamed (memory stays flat).</summary>
public sealed record RegisterSheet(IReadOnlyList<RegisterColumn> Components, IEnumerable<RegisterSheetRow> Rows);

/// <summary>A cost component over the months of a <see cref="CostTrend"/> (amounts in fen, one per month).</summary>
public sealed record CostComponent(string Code, Message Name, LineCategory Category, IReadOnlyList<long> AmountsFen);

/// <summary>The latest period's payroll cost of one unit directly below the scope.</summary>
public sealed record CostByUnit(long UnitId, string Name, long AmountFen);

/// <summary>Payroll cost by month and component, and the latest month's cost by unit.</summary>
public sealed record CostTrend(IReadOnlyList<YearMonth> Months, IReadOnlyList<CostComponent> Components, IReadOnlyList<CostByUnit> ByUnit);

/// <summary>A payslip of the register with the worker's name, for sorting before the page is cut.</summary>
public sealed class RegisterSortRow
{
    /// <summary>The stored payslip.</summary>
    public Workforce.Data.PayslipRecord Payslip { get; init; } = null!;
    /// <summary>Worker's name.</summary>
    public string Name { get; init; } = string.Empty;
    /// <summary>Worker's hire date.</summary>
    public LocalDate HireDate { get; init; }
}
