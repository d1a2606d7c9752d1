using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NodaTime;
using Workforce.Application.Common;
using Workforce.Data;
using Workforce.Domain.Common;
using Workforce.Domain.Workers;
using Workforce.Payroll.Engine;

namespace Workforce.Application.Payroll;

/// <summary>What the annual advancement of a year did.</summary>
/// <param name="Year">The year whose 1 January it recorded.</param>
/// <param name="Checked">Workers in service that day.</param>
/// <param name="Advanced">Workers whose step was recorded as a dated assignment.</param>
/// <param name="AlreadyRecorded">Workers with an assignment starting that day already (recorded before, or an officer's decision, which stands).</param>
/// <param name="Refused">Steps the registry refused (a grade outside the band it holds for the post), logged.</param>
public sealed record AdvancementResult(int Year, int Checked, int Advanced, int AlreadyRecorded, int Refused);

/// <summary>
/// One grade truth (R1): the pay rules derive each worker's yearly step on 1 January (GradeCalculator); this records the
/// step as a dated post assignment — the same post in the same community from 1 January at the new grade, with the
/// engine's explanation as its reason — so the registry, the lists (the worker's stored current grade), 我的信息 and the
/// payslip show one grade. Run by the scheduled job on 1 January and on demand for a year; running it again adds nothing.
/// An officer's assignment starting that day (a deviation, with its own grade) stands. Every change is audited.
/// </summary>
public sealed class GradeAdvancement(WorkforceDbContext db, PayRuleSets ruleSets, BusinessCalendar calendar, ILogger<GradeAdvancement> logger)
{
    /// <summary>Workers changed per save.</summary>
    public const int Batch = 500;

    /// <summary>
    /// Records the steps of 1 January of <paramref name="year"/> in the districts under <paramref name="scopePath"/> (null:
    /// every district, as the scheduled job does); refused for a 1 January still to come and for a scope inside a district.
    /// </summary>
    public async Task<CommandResult<AdvancementResult>> AdvanceAsync(int year, string? scopePath, CancellationToken ct)
    {
        var day = new LocalDate(year, 1, 1);
        if (year < 2000 || day > calendar.Today)
        {
            return UseCaseContext.Fail<AdvancementResult>("year", "Grade.AdvancementNotYet", year);
        }
        // The rules in force that day; before the first version, the first one (a payslip derives the whole history with
        // the rules of its own month, so a year before them is derived as the earliest payslips derive it).
        var snapshot = await ruleSets.GetAsync(db, ct);
        var earliest = snapshot.Ids.Keys.MinBy(r => r.EffectiveFrom);
        if (earliest is null)
        {
            return UseCaseContext.Fail<AdvancementResult>("year", "Grade.NoRules", year);
        }
        Workforce.Payroll.Rules.RuleSet rules;
        try
        {
            rules = day < earliest.EffectiveFrom ? earliest : snapshot.ForDate(day);
        }
        catch (DomainException ex)
        {
            return CommandResult<AdvancementResult>.Fail(FieldError.From(ex));
        }
        var districts = await db.OrgUnits.AsNoTracking().Where(u => u.ParentId == null && (scopePath == null || u.Path.StartsWith(scopePath)))
            .Select(u => u.Path).ToListAsync(ct);
        if (districts.Count == 0)
        {
            return UseCaseContext.Fail<AdvancementResult>(null, "Grade.AdvancementDistrictOnly");
        }
        var month = new YearMonth(year, 1);
        var steps = new List<(long WorkerId, int Grade, string Reason)>();
        int inService = 0, already = 0;
        foreach (var path in districts)
        {
            foreach (var entry in await PayrollFacts.LoadAsync(db, path, month, ct))
            {
                var facts = entry.Facts;
                if (facts.HireDate >= day || (facts.LeaveDate is { } left && left < day))
                {
                    continue;
                }
                inService++;
                if (facts.Assignments.Any(a => a.Start == day))
                {
                    already++;
                    continue;
                }
                var step = GradeCalculator.Explain(facts, rules, day).Steps
                    .LastOrDefault(s => s.Date == day && s.Kind is GradeStepKind.Advancement or GradeStepKind.EarlyAdvancement);
                if (step is not null && step.ToGrade != step.FromGrade)
                {
                    steps.Add((facts.WorkerId, step.ToGrade, StoredMessages.Serialize([step.Reason])!));
                }
            }
        }
        var bands = await db.GradeBands.AsNoTracking().ToListAsync(ct);
        var refused = 0;
        foreach (var chunk in steps.Chunk(Batch))
        {
            var ids = chunk.Select(c => c.WorkerId).ToList();
            var workers = await db.Workers.Include(w => w.PostAssignments).Where(w => ids.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
            foreach (var (workerId, grade, reason) in chunk)
            {
                try
                {
                    workers[workerId].RecordAdvancement(grade, day, reason, bands);
                }
                catch (DomainException ex)
                {
                    refused++;
                    logger.LogWarning("Grade advancement {Year}: worker {WorkerId} not advanced to {Grade}: {Reason}", year, workerId, grade, ex.Code);
                }
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        logger.LogInformation("Grade advancement {Year}: {Checked} workers in service, {Advanced} steps recorded, {Already} already recorded, {Refused} refused",
            year, inService, steps.Count - refused, already, refused);
        return CommandResult<AdvancementResult>.Ok(new AdvancementResult(year, inService, steps.Count - refused, already, refused));
    }
}
