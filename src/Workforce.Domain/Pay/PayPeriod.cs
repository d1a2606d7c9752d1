using NodaTime;
using Workforce.Domain.Common;

namespace Workforce.Domain.Pay;

/// <summary>Where a pay period stands.</summary>
public enum PeriodStatus
{
    /// <summary>未计算: no payslips yet.</summary>
    Open = 1,
    /// <summary>已计算: payslips computed, awaiting review; a new run replaces them.</summary>
    Calculated = 2,
    /// <summary>已审批: reviewed and approved; no run until the approval is withdrawn.</summary>
    Approved = 3,
    /// <summary>已锁定: paid; nothing in the period changes any more. Corrections go to a later period.</summary>
    Locked = 4,
}

/// <summary>Totals of a period's payslips, in fen.</summary>
/// <param name="Payslips">Payslips computed.</param>
/// <param name="Gross">应发.</param>
/// <param name="Deductions">Employee contributions.</param>
/// <param name="Tax">Income tax.</param>
/// <param name="Net">实发.</param>
/// <param name="Employer">Employer contributions.</param>
public readonly record struct PeriodTotals(int Payslips, long Gross, long Deductions, long Tax, long Net, long Employer);

/// <summary>
/// The payroll of one district for one month: Open → Calculated → Approved → Locked. Only a run
/// moves it to Calculated (replacing the previous results), only an officer approves and locks.
/// </summary>
public sealed class PayPeriod
{
    private PayPeriod() { }

    /// <summary>Opens the period of <paramref name="month"/> for a district.</summary>
    public PayPeriod(long districtId, YearMonth month)
    {
        DistrictId = districtId;
        Month = month;
        Status = PeriodStatus.Open;
    }

    /// <summary>Key.</summary>
    public long Id { get; private set; }
    /// <summary>District (root organisation unit) the period pays.</summary>
    public long DistrictId { get; private set; }
    /// <summary>Month.</summary>
    public YearMonth Month { get; private set; }
    /// <summary>Status.</summary>
    public PeriodStatus Status { get; private set; }
    /// <summary>The run whose payslips the period holds.</summary>
    public Guid? RunId { get; private set; }
    /// <summary>When those payslips were computed.</summary>
    public Instant? CalculatedAt { get; private set; }
    /// <summary>Workers the run could not compute (approval waits until there are none).</summary>
    public int Errors { get; private set; }
    /// <summary>Totals of the payslips.</summary>
    public PeriodTotals Totals => new(Payslips, GrossFen, DeductionsFen, TaxFen, NetFen, EmployerFen);
    /// <summary>Payslips computed.</summary>
    public int Payslips { get; private set; }
    /// <summary>应发 total, fen.</summary>
    public long GrossFen { get; private set; }
    /// <summary>Employee contributions, fen.</summary>
    public long DeductionsFen { get; private set; }
    /// <summary>Income tax, fen.</summary>
    public long TaxFen { get; private set; }
    /// <summary>实发 total, fen.</summary>
    public long NetFen { get; private set; }
    /// <summary>Employer contributions, fen.</summary>
    public long EmployerFen { get; private set; }
    /// <summary>Who started the run whose payslips the period holds (user id; null for the schedule).</summary>
    public string? CalculatedBy { get; private set; }
    /// <summary>True when <paramref name="userId"/> started the run whose payslips the period holds (under four eyes, not its approver).</summary>
    public bool RanBy(string userId) => CalculatedBy is not null && CalculatedBy == userId;
    /// <summary>Approver (user id).</summary>
    public string? ApprovedBy { get; private set; }
    /// <summary>Approved at.</summary>
    public Instant? ApprovedAt { get; private set; }
    /// <summary>Locked by (user id).</summary>
    public string? LockedBy { get; private set; }
    /// <summary>Locked at.</summary>
    public Instant? LockedAt { get; private set; }
    /// <summary>
    /// Next payslip sequence of the period. Payslip ids are <c>(period id × 2^32) + sequence</c>, so a run
    /// assigns them without reading keys back and a re-run never reuses an id.
    /// </summary>
    public long NextPayslipSeq { get; private set; }

    /// <summary>Reserves <paramref name="count"/> payslip ids; returns the first.</summary>
    public long ReservePayslipIds(int count)
    {
        EnsureAcceptsRuns();
        var first = (Id << 32) + NextPayslipSeq;
        NextPayslipSeq += count;
        return first;
    }

    /// <summary>Optimistic concurrency: every change increments it.</summary>
    public int Version { get; private set; }

    /// <summary>True while a run may (re)compute the period.</summary>
    public bool AcceptsRuns => Status is PeriodStatus.Open or PeriodStatus.Calculated;

    /// <summary>Throws unless a run may compute the period.</summary>
    public void EnsureAcceptsRuns()
    {
        if (!AcceptsRuns)
        {
            throw new DomainException(Status == PeriodStatus.Locked ? "Pay.PeriodLocked" : "Pay.PeriodApproved", Label);
        }
    }

    /// <summary>Records the results of a finished run (the payslips were replaced in the same transaction).</summary>
    /// <param name="runId">The run.</param>
    /// <param name="at">When it finished.</param>
    /// <param name="totals">Totals of its payslips.</param>
    /// <param name="errors">Workers it could not compute.</param>
    /// <param name="calculatedBy">The officer who started it (null for the schedule).</param>
    public void RecordRun(Guid runId, Instant at, PeriodTotals totals, int errors, string? calculatedBy)
    {
        EnsureAcceptsRuns();
        RunId = runId;
        CalculatedAt = at;
        CalculatedBy = calculatedBy;
        (Payslips, GrossFen, DeductionsFen, TaxFen, NetFen, EmployerFen) = totals;
        Errors = errors;
        Status = PeriodStatus.Calculated;
        Version++;
    }

    /// <summary>
    /// Approves the computed payslips. With <paramref name="fourEyes"/> (the policy parameter Payroll.FourEyes, on unless set
    /// to 0) the officer who started the run of the month may not approve it.
    /// </summary>
    public void Approve(string userId, Instant at, bool fourEyes = true)
    {
        if (Status != PeriodStatus.Calculated)
        {
            throw new DomainException("Pay.PeriodNotCalculated", Label);
        }
        if (fourEyes && RanBy(userId))
        {
            throw new DomainException("Pay.FourEyesApproval", Label);
        }
        if (Errors > 0)
        {
            throw new DomainException("Pay.PeriodHasErrors", Label, Errors);
        }
        ApprovedBy = userId;
        ApprovedAt = at;
        Status = PeriodStatus.Approved;
        Version++;
    }

    /// <summary>Withdraws the approval (back to Calculated, so it can be re-run).</summary>
    public void WithdrawApproval()
    {
        if (Status != PeriodStatus.Approved)
        {
            throw new DomainException(Status == PeriodStatus.Locked ? "Pay.PeriodLocked" : "Pay.PeriodNotApproved", Label);
        }
        ApprovedBy = null;
        ApprovedAt = null;
        Status = PeriodStatus.Calculated;
        Version++;
    }

    /// <summary>Locks the approved period for good.</summary>
    public void Lock(string userId, Instant at)
    {
        if (Status != PeriodStatus.Approved)
        {
            throw new DomainException(Status == PeriodStatus.Locked ? "Pay.PeriodLocked" : "Pay.PeriodNotApproved", Label);
        }
        LockedBy = userId;
        LockedAt = at;
        Status = PeriodStatus.Locked;
        Version++;
    }

    private string Label => Month.ToString("uuuu-MM", System.Globalization.CultureInfo.InvariantCulture);
}
