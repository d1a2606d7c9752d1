using NodaTime;

namespace Workforce.Payroll.Facts;

/// <summary>
/// A stable fingerprint (FNV-1a, 64 bits) of the facts that can change the pay of one month: hire, leave and
/// probation, education and prior years, posts and recorded grades, certificates registered by the month's
/// end, assessments of earlier years (and of the month's own year at the year end), leader recognition at the
/// year end. Each payslip stores the fingerprint of its facts; a locked month whose fingerprint no longer
/// matches is recomputed for retroactive lines (<see cref="RetroactiveCorrections"/>).
/// </summary>
public static class FactsFingerprint
{
    /// <summary>The fingerprint of <paramref name="facts"/> for <paramref name="month"/>.</summary>
    public static long Of(WorkerFacts facts, YearMonth month, int yearEndMonth)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var h = new Fnv();
        h.Add(facts.HireDate);
        h.Add(facts.LeaveDate);
        h.Add(facts.ProbationEnd);
        h.Add((int)facts.Education);
        h.Add(facts.PriorServiceYears);
        foreach (var a in facts.Assignments)
        {
            h.Add((int)a.Post);
            h.Add(a.Start);
            h.Add(a.End);
            h.Add(a.CommunityId);
            h.Add(a.Grade ?? 0);
        }
        var last = month.OnDayOfMonth(CalendarSystem.Iso.GetDaysInMonth(month.Year, month.Month));
        foreach (var c in facts.Certificates)
        {
            if (c.RegisteredOn <= last)
            {
                h.Add((int)c.Level);
                h.Add(c.Number);
                h.Add(c.RegisteredOn);
            }
        }
        var yearEnd = month.Month == yearEndMonth;
        foreach (var a in facts.Assessments.OrderBy(a => a.Year))
        {
            if (a.Year < month.Year || (yearEnd && a.Year == month.Year))
            {
                h.Add(a.Year);
                h.Add((int)a.Rating);
            }
        }
        if (yearEnd && facts.IsLeaderIn(month.Year))
        {
            h.Add(-month.Year);
        }
        return h.Value;
    }

    private struct Fnv
    {
        private ulong _h;

        public Fnv() => _h = 14695981039346656037UL;

        public readonly long Value => unchecked((long)_h);

        public void Add(long value)
        {
            for (var i = 0; i < 8; i++)
            {
                _h = unchecked((_h ^ (byte)(value >> (8 * i))) * 1099511628211UL);
            }
        }

        public void Add(LocalDate? date) => Add(date is { } d ? d.ToDateOnly().DayNumber : -1L);

        public void Add(string text)
        {
            foreach (var c in text)
            {
                Add(c);
            }
            Add(-2L);
        }
    }
}
