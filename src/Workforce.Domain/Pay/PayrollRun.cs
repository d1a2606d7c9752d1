using NodaTime;
using Workforce.Domain.Common;

namespace Workforce.Domain.Pay;

/// <summary>State of a payroll run.</summary>
public enum RunStatus
{
    /// <summary>运行中.</summary>
    Running = 1,
    /// <summary>完成: the period holds its payslips.</summary>
    Succeeded = 2,
    /// <summary>失败: nothing was changed.</summary>
    Failed = 3,
    /// <summary>已取消: nothing was changed.</summary>
    Cancelled = 4,
    /// <summary>中断 (the process stopped mid-run): nothing was changed.</summary>
    Interrupted = 5,
}

/// <summary>Who started a run.</summary>
public enum RunTrigger
{
    /// <summary>An officer (UI or API).</summary>
    Manual = 1,
    /// <summary>The monthly scheduled job.</summary>
    Scheduled = 2,
}

/// <summary>
/// One computation of a period. Its payslips become the period's only when the run succeeds, in one
/// transaction; a failed, cancelled or interrupted run leaves the period exactly as it was.
/// </summary>
public sealed class PayrollRun
{
    /// <summary>Longest error report kept on the run.</summary>
    public const int MaxReportLength = 8000;

    private PayrollRun() { }

    /// <summary>Starts a run.</summary>
    public PayrollRun(Guid id, long periodId, YearMonth month, RunTrigger trigger, string? startedBy, string instance, Instant at)
    {
        Id = id;
        PeriodId = periodId;
        Month = month;
        Trigger = trigger;
        StartedBy = startedBy;
        Instance = instance;
        StartedAt = at;
        HeartbeatAt = at;
        Status = RunStatus.Running;
    }

    /// <summary>Key.</summary>
    public Guid Id { get; private set; }
    /// <summary>Period.</summary>
    public long PeriodId { get; private set; }
    /// <summary>Month of the period.</summary>
    public YearMonth Month { get; private set; }
    /// <summary>Manual or scheduled.</summary>
    public RunTrigger Trigger { get; private set; }
    /// <summary>User id of the officer, null for the schedule.</summary>
    public string? StartedBy { get; private set; }
    /// <summary>The app instance running it.</summary>
    public string Instance { get; private set; } = string.Empty;
    /// <summary>Start.</summary>
    public Instant StartedAt { get; private set; }
    /// <summary>Last sign of life (progress); a running run silent for long was interrupted.</summary>
    public Instant HeartbeatAt { get; private set; }
    /// <summary>End.</summary>
    public Instant? FinishedAt { get; private set; }
    /// <summary>Status.</summary>
    public RunStatus Status { get; private set; }
    /// <summary>Workers to compute.</summary>
    public int Total { get; private set; }
    /// <summary>Workers computed so far.</summary>
    public int Processed { get; private set; }
    /// <summary>Workers that could not be computed.</summary>
    public int Errors { get; private set; }
    /// <summary>Why it failed, or the list of workers in error (one per line).</summary>
    public string? Report { get; private set; }

    /// <summary>Ends successfully.</summary>
    public void Succeed(int processed, int errors, string? report, Instant at) => Finish(RunStatus.Succeeded, processed, errors, report, at);

    /// <summary>Ends without changing the period.</summary>
    public void End(RunStatus status, string? report, Instant at)
    {
        if (status is RunStatus.Running or RunStatus.Succeeded)
        {
            throw new ArgumentOutOfRangeException(nameof(status));
        }
        Finish(status, Processed, Errors, report, at);
    }

    private void Finish(RunStatus status, int processed, int errors, string? report, Instant at)
    {
        EnsureRunning();
        Status = status;
        Processed = processed;
        Errors = errors;
        Report = report is { Length: > MaxReportLength } ? report[..MaxReportLength] : report;
        FinishedAt = at;
        HeartbeatAt = at;
    }

    private void EnsureRunning()
    {
        if (Status != RunStatus.Running)
        {
            throw new DomainException("Pay.RunFinished");
        }
    }
}
