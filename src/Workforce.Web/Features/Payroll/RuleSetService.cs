using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Workforce.Data;
using Workforce.Domain.Common;
using Workforce.Domain.Pay;
using Workforce.Payroll.Rules;
using Workforce.Web.Features.Workers;
using Workforce.Web.Infrastructure;

namespace Workforce.Web.Features.Payroll;

/// <summary>
/// Rule-set versions in the app: JSON import as a draft, drafts edited table by table, approval by a
/// second officer (closing the open-ended predecessor the day before), rejection. Every document is
/// validated by the payroll engine before it is stored; every change is audited.
/// </summary>
public sealed class RuleSetService(WorkforceDbContext db, PayRuleSets ruleSets, UiText text, IClock clock, Talent.TalentContext context)
{
    /// <summary>All versions, newest first.</summary>
    public Task<List<RuleSetVersion>> ListAsync(CancellationToken ct) =>
        db.RuleSetVersions.AsNoTracking().OrderByDescending(v => v.EffectiveFrom).ThenByDescending(v => v.Version).ToListAsync(ct);

    /// <summary>One version.</summary>
    public Task<RuleSetVersion?> GetAsync(long id, CancellationToken ct) => db.RuleSetVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, ct);

    /// <summary>Validates a JSON document and stores it as a draft.</summary>
    public async Task<CommandResult<RuleSetVersion>> ImportAsync(string json, string? note, string userId, CancellationToken ct)
    {
        var (document, errors) = Compile(json);
        if (document is null)
        {
            return Invalid(errors);
        }
        var family = await db.RuleSetVersions.AsNoTracking().Where(v => v.Status == RuleSetStatus.Approved).Select(v => v.Code).FirstOrDefaultAsync(ct);
        if (family is not null && family != document.Code)
        {
            return context.Fail<RuleSetVersion>(null, "Pay.RuleSetOtherFamily", document.Code, family);
        }
        if (await db.RuleSetVersions.AnyAsync(v => v.Code == document.Code && v.Version == document.Version, ct))
        {
            return context.Fail<RuleSetVersion>(null, "Pay.RuleSetVersionExists", document.Code, document.Version);
        }
        var version = new RuleSetVersion(document.Code, document.Name, document.Version, document.EffectiveFrom, document.EffectiveTo,
            RuleSetJson.Serialize(document), userId, clock.GetCurrentInstant(), note);
        db.RuleSetVersions.Add(version);
        await db.SaveChangesAsync(ct);
        return CommandResult<RuleSetVersion>.Ok(version);
    }

    /// <summary>A new draft copied from a version: next version number, in force from <paramref name="from"/>.</summary>
    public async Task<CommandResult<RuleSetVersion>> NewDraftAsync(long sourceId, LocalDate from, string userId, CancellationToken ct)
    {
        var source = await GetAsync(sourceId, ct);
        if (source is null)
        {
            return context.Fail<RuleSetVersion>(null, "Pay.RuleSetNotFound");
        }
        var next = await db.RuleSetVersions.Where(v => v.Code == source.Code).MaxAsync(v => v.Version, ct) + 1;
        var document = RuleSet.FromJson(source.Json).ToDocument();
        document.Version = next;
        document.EffectiveFrom = from;
        document.EffectiveTo = null;
        return await ImportAsync(RuleSetJson.Serialize(document), text.Format("Pay.RuleSetCopiedFrom", source.Version), userId, ct);
    }

    /// <summary>Replaces the tables of a draft (the edit form), validated like an import.</summary>
    public async Task<CommandResult<RuleSetVersion>> EditAsync(long id, RuleSetTablesInput input, string userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var version = await db.RuleSetVersions.SingleOrDefaultAsync(v => v.Id == id, ct);
        if (version is null)
        {
            return context.Fail<RuleSetVersion>(null, "Pay.RuleSetNotFound");
        }
        if (version.Status != RuleSetStatus.Draft)
        {
            return context.Fail<RuleSetVersion>(null, "Pay.RuleSetNotDraft", version.Code, version.Version);
        }
        var document = RuleSetJson.Parse(version.Json).Document!;
        var parseErrors = input.ApplyTo(document, text);
        if (parseErrors.Count > 0)
        {
            return CommandResult<RuleSetVersion>.Fail([.. parseErrors]);
        }
        var (compiled, errors) = Compile(RuleSetJson.Serialize(document));
        if (compiled is null)
        {
            return Invalid(errors);
        }
        version.Edit(compiled.Name, compiled.EffectiveFrom, compiled.EffectiveTo, RuleSetJson.Serialize(compiled), userId, clock.GetCurrentInstant());
        await db.SaveChangesAsync(ct);
        return CommandResult<RuleSetVersion>.Ok(version);
    }

    /// <summary>
    /// Approves a draft. The approver must not be its author; an approved open-ended version that
    /// starts earlier is closed the day before; the versions must then form a gap-free history.
    /// </summary>
    public async Task<CommandResult<RuleSetVersion>?> ApproveAsync(long id, string userId, CancellationToken ct)
    {
        var version = await db.RuleSetVersions.SingleOrDefaultAsync(v => v.Id == id, ct);
        if (version is null)
        {
            return null;
        }
        var approved = await db.RuleSetVersions.Where(v => v.Status == RuleSetStatus.Approved && v.Code == version.Code).ToListAsync(ct);
        try
        {
            version.Approve(userId, clock.GetCurrentInstant());
            var open = approved.Where(v => v.EffectiveTo is null && v.EffectiveFrom < version.EffectiveFrom).OrderByDescending(v => v.EffectiveFrom).FirstOrDefault();
            if (open is not null)
            {
                var document = RuleSet.FromJson(open.Json).ToDocument();
                document.EffectiveTo = version.EffectiveFrom.PlusDays(-1);
                open.CloseOn(version.EffectiveFrom.PlusDays(-1), RuleSetJson.Serialize(document));
            }
            var history = RuleSetHistory.Validate([.. approved.Append(version).Select(v => RuleSet.FromJson(v.Json))]);
            if (history.Count > 0)
            {
                db.ChangeTracker.Clear();
                return Invalid(history);
            }
        }
        catch (DomainException ex)
        {
            db.ChangeTracker.Clear();
            return CommandResult<RuleSetVersion>.Fail(new FieldError(null, text.Domain(ex)));
        }
        await db.SaveChangesAsync(ct);
        return CommandResult<RuleSetVersion>.Ok(version);
    }

    /// <summary>Rejects a draft with a reason.</summary>
    public async Task<CommandResult<RuleSetVersion>?> RejectAsync(long id, string userId, string? reason, CancellationToken ct)
    {
        var version = await db.RuleSetVersions.SingleOrDefaultAsync(v => v.Id == id, ct);
        if (version is null)
        {
            return null;
        }
        try
        {
            version.Reject(userId, clock.GetCurrentInstant(), reason ?? string.Empty);
        }
        catch (DomainException ex)
        {
            db.ChangeTracker.Clear();
            return CommandResult<RuleSetVersion>.Fail(new FieldError("Note", text.Domain(ex)));
        }
        await db.SaveChangesAsync(ct);
        return CommandResult<RuleSetVersion>.Ok(version);
    }

    /// <summary>
    /// What-if: the draft applied to the current staff in the caller's scope for <paramref name="month"/>
    /// against the approved rules in force then; each person's change and the cost by unit.
    /// </summary>
    public async Task<WhatIfResult?> WhatIfAsync(PayScope scope, long draftId, YearMonth month, CancellationToken ct)
    {
        var draft = await GetAsync(draftId, ct);
        if (draft is null)
        {
            return null;
        }
        var document = RuleSet.FromJson(draft.Json).ToDocument();
        document.EffectiveFrom = month.OnDayOfMonth(1);
        document.EffectiveTo = null;
        var candidate = RuleSet.Compile(document);
        var baseline = (await ruleSets.GetAsync(db, ct)).ForPeriod(month);
        var entries = await PayrollFacts.LoadAsync(db, scope.ScopePath, month, ct);
        var ytd = await PayrollFacts.YearToDateAsync(db, scope.DistrictId, month, ct);
        var rows = new List<WhatIfRow>(entries.Count);
        var errors = 0;
        foreach (var e in entries)
        {
            try
            {
                var y = ytd.GetValueOrDefault(e.Facts.WorkerId, Workforce.Payroll.Facts.YearToDate.Empty(month.Year));
                var before = Workforce.Payroll.Engine.PayrollEngine.Calculate(month, e.Facts, y, baseline);
                var after = Workforce.Payroll.Engine.PayrollEngine.Calculate(month, e.Facts, y, candidate);
                var diff = Workforce.Payroll.PayslipComparison.Compare(before, after);
                rows.Add(new WhatIfRow(e.Facts.WorkerId, e.Name, after.CommunityId, before.Gross.Fen, after.Gross.Fen, before.Net.Fen, after.Net.Fen,
                    diff.CostDelta.Fen, string.Join("，", diff.Changed.Select(c => c.Name + " " + c.Delta.Yuan.ToString("+0.00;-0.00", CultureInfo.InvariantCulture)))));
            }
            catch (DomainException)
            {
                errors++;
            }
        }
        var rollup = await UnitRollup.LoadAsync(db, scope.ScopePath, ct);
        var byUnit = rows.GroupBy(r => rollup.Of(r.CommunityId).Name).Select(g => new WhatIfUnit(g.Key, g.Count(), g.Sum(r => r.CostDeltaFen), g.Count(r => r.CostDeltaFen != 0)))
            .OrderByDescending(u => Math.Abs(u.CostDeltaFen)).ToList();
        return new WhatIfResult(draft, baseline.ToString(), month, [.. rows.OrderByDescending(r => Math.Abs(r.CostDeltaFen)).ThenBy(r => r.WorkerId)], byUnit, errors);
    }

    private static (RuleSetDocument? Document, IReadOnlyList<RuleSetError> Errors) Compile(string json)
    {
        var (document, errors) = RuleSetJson.Parse(json);
        if (document is null)
        {
            return (null, errors);
        }
        try
        {
            return (RuleSet.Compile(document).ToDocument(), []);
        }
        catch (RuleSetInvalidException ex)
        {
            return (null, ex.Errors);
        }
    }

    private static CommandResult<RuleSetVersion> Invalid(IReadOnlyList<RuleSetError> errors) =>
        CommandResult<RuleSetVersion>.Fail([.. errors.Select(e => new FieldError(e.Path, e.Path + "：" + e.Message))]);

}

/// <summary>One person in a what-if.</summary>
public sealed record WhatIfRow(long WorkerId, string Name, long CommunityId, long GrossBefore, long GrossAfter, long NetBefore, long NetAfter, long CostDeltaFen, string Changes);

/// <summary>Cost change of a unit in a what-if.</summary>
public sealed record WhatIfUnit(string Name, int Workers, long CostDeltaFen, int Changed);

/// <summary>A what-if comparison.</summary>
public sealed record WhatIfResult(RuleSetVersion Draft, string Baseline, YearMonth Month, IReadOnlyList<WhatIfRow> Rows, IReadOnlyList<WhatIfUnit> Units, int Errors)
{
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
    public IReadOnlyList<FieldError> ApplyTo(RuleSetDocument d, UiText text)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(text);
        var errors = new List<FieldError>();
        if (!string.IsNullOrWhiteSpace(Name))
        {
            d.Name = Name.Trim();
        }
        if (EffectiveFrom is { } from)
        {
            d.EffectiveFrom = LocalDate.FromDateOnly(from);
        }
        Table(text, BaseAmounts, nameof(BaseAmounts), 2, errors, rows => d.GradePay.BaseAmounts = [.. rows.Select(r => new YearAmount { Year = I(r[0]), Amount = D(r[1]) })]);
        Table(text, Coefficients, nameof(Coefficients), 3, errors, rows => d.Grades.Coefficients = rows.GroupBy(r => r[0])
            .ToDictionary(g => g.Key, g => g.ToDictionary(r => r[1], r => D(r[2]))));
        Table(text, PostAllowances, nameof(PostAllowances), 2, errors, rows => d.GradePay.PostAllowances = rows.ToDictionary(r => r[0], r => D(r[1])));
        Table(text, Allowances, nameof(Allowances), 5, errors, rows => d.Allowances = [.. rows.Select(r => new AllowanceItem
            { Code = r[0], Name = r[1], MonthlyAmount = D(r[2]), Prorated = bool.Parse(r[3]), ReducedInProbation = bool.Parse(r[4]) })]);
        Table(text, Contributions, nameof(Contributions), 5, errors, rows => d.SocialInsurance.Contributions = [.. rows.Select(r => new ContributionItem
            { Code = r[0], Name = r[1], Scheme = r[2], EmployeeRate = D(r[3]), EmployerRate = D(r[4]) })]);
        Table(text, BaseLimits, nameof(BaseLimits), 4, errors, rows => d.SocialInsurance.BaseLimits = [.. rows.Select(r => new BaseLimit
            { Scheme = r[0], From = PayrollService.ParseMonth(r[1]) ?? throw new FormatException(r[1]), Lower = D(r[2]), Upper = D(r[3]) })]);
        Table(text, ReferenceWages, nameof(ReferenceWages), 2, errors, rows => d.LeaderFloor.ReferenceAverageWages = [.. rows.Select(r => new YearAmount { Year = I(r[0]), Amount = D(r[1]) })]);
        Table(text, TaxTable, nameof(TaxTable), 3, errors, rows => d.IncomeTax.AnnualTable = [.. rows.Select(r => new TaxBracketItem
            { UpTo = r[0] == "-" ? null : D(r[0]), Rate = D(r[1]), QuickDeduction = D(r[2]) })]);
        return errors;
    }

    private static void Table(UiText text, string? value, string field, int columns, List<FieldError> errors, Action<List<string[]>> apply)
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
            errors.Add(new FieldError(field, text.Format("Pay.TableColumns", bad + 1, columns)));
            return;
        }
        try
        {
            apply(rows);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            errors.Add(new FieldError(field, text.Format("Pay.TableUnreadable", ex.Message)));
        }
    }

    private static string Lines(IEnumerable<string> lines) => string.Join('\n', lines);
    private static string N(decimal v) => v.ToString("0.######", CultureInfo.InvariantCulture);
    private static string B(bool v) => v ? "true" : "false";
    private static int I(string s) => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);
    private static decimal D(string s) => decimal.Parse(s, NumberStyles.Number, CultureInfo.InvariantCulture);
}
