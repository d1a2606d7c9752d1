using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Data;
using Workforce.Domain.Common;
using Workforce.Domain.Pay;
using Workforce.Payroll;
using Workforce.Payroll.Rules;

namespace Workforce.Application.Payroll;

/// <summary>One person in a what-if.</summary>
public sealed record WhatIfRow(long WorkerId, string Name, long CommunityId, long GrossBefore, long GrossAfter, long NetBefore, long NetAfter, long CostDeltaFen,
    IReadOnlyList<WhatIfChange> Changes);

/// <summary>A component whose amount the draft changes for one person.</summary>
/// <param name="Name">Component name.</param>
/// <param name="DeltaFen">Change in fen.</param>
public sealed record WhatIfChange(Message Name, long DeltaFen);

/// <summary>Cost change of a unit in a what-if.</summary>
public sealed record WhatIfUnit(string Name, int Workers, long CostDeltaFen, int Changed);

/// <summary>A what-if comparison.</summary>
public sealed record WhatIfResult(RuleSetVersion Draft, string Baseline, YearMonth Month, IReadOnlyList<WhatIfRow> Rows, IReadOnlyList<WhatIfUnit> Units, int Errors)
{
    /// <summary>
    /// One page of the people, sorted by a column (name, grossBefore, grossAfter, netBefore, netAfter, costDelta; descending with '-'),
    /// the largest cost changes first by default. The comparison itself covers the whole district; only the page is shown.
    /// </summary>
    public PagedResult<WhatIfRow> Page(string? sort, int page, int pageSize)
    {
        var sorted = Rows.AsQueryable().SortBy(sort, SortColumns, "-costDelta").ThenBy(r => r.WorkerId);
        var size = Math.Clamp(pageSize, 1, 200);
        var number = Math.Max(1, page);
        return new PagedResult<WhatIfRow>([.. sorted.Skip((number - 1) * size).Take(size)], Rows.Count, number, size);
    }

    // The people's sortable columns; a cost change sorts by its size.
    private static readonly Dictionary<string, System.Linq.Expressions.Expression<Func<WhatIfRow, object?>>> SortColumns = new(StringComparer.Ordinal)
    {
        ["name"] = r => r.Name,
        ["grossBefore"] = r => r.GrossBefore,
        ["grossAfter"] = r => r.GrossAfter,
        ["netBefore"] = r => r.NetBefore,
        ["netAfter"] = r => r.NetAfter,
        ["costDelta"] = r => Math.Abs(r.CostDeltaFen),
    };

    /// <summary>Total cost change (gross + employer contributions).</summary>
    public long CostDeltaFen => Rows.Sum(r => r.CostDeltaFen);
}

/// <summary>
/// The tables of a draft as the edit form shows them: one row per line, values separated by spaces.
/// Empty fields leave a table as it is.
/// </summary>
public sealed class RuleSetTablesInput
{
    /// <summary>Name.</summary>
    public string? Name { get; set; }
    /// <summary>First day in force.</summary>
    public DateOnly? EffectiveFrom { get; set; }
    /// <summary>"年份 基数" per line.</summary>
    public string? BaseAmounts { get; set; }
    /// <summary>"岗位 等级 系数" per line.</summary>
    public string? Coefficients { get; set; }
    /// <summary>"岗位 金额" per line.</summary>
    public string? PostAllowances { get; set; }
    /// <summary>"代码 名称 月额 是否折算(true/false) 试用期减发(true/false)" per line.</summary>
    public string? Allowances { get; set; }
    /// <summary>"代码 名称 险种 个人比例 单位比例" per line.</summary>
    public string? Contributions { get; set; }
    /// <summary>"险种 起始月(yyyy-MM) 下限 上限" per line.</summary>
    public string? BaseLimits { get; set; }
    /// <summary>"年份 平均工资" per line.</summary>
    public string? ReferenceWages { get; set; }
    /// <summary>"上限(或 -) 税率 速算扣除数" per line.</summary>
    public string? TaxTable { get; set; }

    /// <summary>The form filled from a document.</summary>
    public static RuleSetTablesInput From(RuleSetDocument d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new RuleSetTablesInput
        {
            Name = d.Name,
            EffectiveFrom = d.EffectiveFrom.ToDateOnly(),
            BaseAmounts = Lines(d.GradePay.BaseAmounts.Select(b => $"{b.Year} {N(b.Amount)}")),
            Coefficients = Lines(d.Grades.Coefficients.SelectMany(p => p.Value.Select(g => $"{p.Key} {g.Key} {N(g.Value)}"))),
            PostAllowances = Lines(d.GradePay.PostAllowances.Select(p => $"{p.Key} {N(p.Value)}")),
            Allowances = Lines(d.Allowances.Select(a => $"{a.Code} {a.Name} {N(a.MonthlyAmount)} {B(a.Prorated)} {B(a.ReducedInProbation)}")),
            Contributions = Lines(d.SocialInsurance.Contributions.Select(c => $"{c.Code} {c.Name} {c.Scheme} {N(c.EmployeeRate)} {N(c.EmployerRate)}")),
            BaseLimits = Lines(d.SocialInsurance.BaseLimits.Select(l => $"{l.Scheme} {l.From.ToString("uuuu-MM", CultureInfo.InvariantCulture)} {N(l.Lower)} {N(l.Upper)}")),
            ReferenceWages = Lines(d.LeaderFloor.ReferenceAverageWages.Select(w => $"{w.Year} {N(w.Amount)}")),
            TaxTable = Lines(d.IncomeTax.AnnualTable.Select(t => $"{(t.UpTo is { } u ? N(u) : "-")} {N(t.Rate)} {N(t.QuickDeduction)}")),
        };
    }

    /// <summary>Writes the filled tables into <paramref name="d"/>; returns the rows that could not be read.</summary>
    public IReadOnlyList<FieldError> ApplyTo(RuleSetDocument d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var errors = new List<FieldError>();
        if (!string.IsNullOrWhiteSpace(Name))
        {
            d.Name = Name.Trim();
        }
        if (EffectiveFrom is { } from)
        {
            d.EffectiveFrom = LocalDate.FromDateOnly(from);
        }
        Table(BaseAmounts, nameof(BaseAmounts), 2, errors, rows => d.GradePay.BaseAmounts = [.. rows.Select(r => new YearAmount { Year = I(r[0]), Amount = D(r[1]) })]);
        Table(Coefficients, nameof(Coefficients), 3, errors, rows => d.Grades.Coefficients = rows.GroupBy(r => r[0])
            .ToDictionary(g => g.Key, g => g.ToDictionary(r => r[1], r => D(r[2]))));
        Table(PostAllowances, nameof(PostAllowances), 2, errors, rows => d.GradePay.PostAllowances = rows.ToDictionary(r => r[0], r => D(r[1])));
        Table(Allowances, nameof(Allowances), 5, errors, rows => d.Allowances = [.. rows.Select(r => new AllowanceItem
            { Code = r[0], Name = r[1], MonthlyAmount = D(r[2]), Prorated = bool.Parse(r[3]), ReducedInProbation = bool.Parse(r[4]) })]);
        Table(Contributions, nameof(Contributions), 5, errors, rows => d.SocialInsurance.Contributions = [.. rows.Select(r => new ContributionItem
            { Code = r[0], Name = r[1], Scheme = r[2], EmployeeRate = D(r[3]), EmployerRate = D(r[4]) })]);
        Table(BaseLimits, nameof(BaseLimits), 4, errors, rows => d.SocialInsurance.BaseLimits = [.. rows.Select(r => new BaseLimit
            { Scheme = r[0], From = Months.Parse(r[1]) ?? throw new FormatException(r[1]), Lower = D(r[2]), Upper = D(r[3]) })]);
        Table(ReferenceWages, nameof(ReferenceWages), 2, errors, rows => d.LeaderFloor.ReferenceAverageWages = [.. rows.Select(r => new YearAmount { Year = I(r[0]), Amount = D(r[1]) })]);
        Table(TaxTable, nameof(TaxTable), 3, errors, rows => d.IncomeTax.AnnualTable = [.. rows.Select(r => new TaxBracketItem
            { UpTo = r[0] == "-" ? null : D(r[0]), Rate = D(r[1]), QuickDeduction = D(r[2]) })]);
        return errors;
    }

    private static void Table(string? value, string field, int columns, List<FieldError> errors, Action<List<string[]>> apply)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }
        var rows = value.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)
            .Select(l => l.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)).ToList();
        var bad = rows.FindIndex(r => r.Length != columns);
        if (bad >= 0)
        {
            errors.Add(new FieldError(field, "Pay.TableColumns", bad + 1, columns));
            return;
        }
        try
        {
            apply(rows);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            errors.Add(new FieldError(field, "Pay.TableUnreadable", ex.Message));
        }
    }

    private static string Lines(IEnumerable<string> lines) => string.Join('\n', lines);
    private static string N(decimal v) => v.ToString("0.######", CultureInfo.InvariantCulture);
    private static string B(bool v) => v ? "true" : "false";
    private static int I(string s) => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);
    private static decimal D(string s) => decimal.Parse(s, NumberStyles.Number, CultureInfo.InvariantCulture);
}
