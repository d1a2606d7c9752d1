using Workforce.Domain.Common;

namespace Workforce.Payroll;

/// <summary>How one pay item differs between two payslips of the same worker and period.</summary>
/// <param name="Code">Item code.</param>
/// <param name="Label">The component's name for people.</param>
/// <param name="Category">Category.</param>
/// <param name="Baseline">Amount under the rule set in force (sum of its lines).</param>
/// <param name="Draft">Amount under the draft.</param>
public sealed record LineDifference(string Code, Message Label, LineCategory Category, Money Baseline, Money Draft)
{
    /// <summary>Draft − baseline.</summary>
    public Money Delta => Draft - Baseline;
}

/// <summary>Line-by-line difference of two payslips (what-if: a draft rule set against the current one).</summary>
public sealed class PayslipComparison
{
    private PayslipComparison(Payslip baseline, Payslip draft, IReadOnlyList<LineDifference> lines)
    {
        Baseline = baseline;
        Draft = draft;
        Lines = lines;
    }

    /// <summary>The payslip under the rule set in force.</summary>
    public Payslip Baseline { get; }
    /// <summary>The payslip under the draft.</summary>
    public Payslip Draft { get; }
    /// <summary>Every item present in either payslip, in baseline order then draft-only items; unchanged items included.</summary>
    public IReadOnlyList<LineDifference> Lines { get; }
    /// <summary>Change of gross pay.</summary>
    public Money GrossDelta => Draft.Gross - Baseline.Gross;
    /// <summary>Change of net pay.</summary>
    public Money NetDelta => Draft.Net - Baseline.Net;
    /// <summary>Change of the employer's cost (gross + employer contributions).</summary>
    public Money CostDelta => Draft.Gross + Draft.EmployerContributions - Baseline.Gross - Baseline.EmployerContributions;
    /// <summary>Only the items whose amount changed.</summary>
    public IEnumerable<LineDifference> Changed => Lines.Where(l => l.Delta.Fen != 0);

    /// <summary>Compares two payslips of the same worker and period, item by item (segments summed).</summary>
    public static PayslipComparison Compare(Payslip baseline, Payslip draft)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(draft);
        if (baseline.WorkerId != draft.WorkerId || baseline.Period != draft.Period)
        {
            throw new ArgumentException("Payslips of different workers or periods cannot be compared.", nameof(draft));
        }
        var order = new List<(string Code, Message Label, LineCategory Category)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in baseline.Lines.Concat(draft.Lines))
        {
            if (seen.Add(line.Code))
            {
                order.Add((line.Code, line.Label, line.Category));
            }
        }
        var lines = order.Select(o => new LineDifference(o.Code, o.Label, o.Category, baseline.Total(o.Code), draft.Total(o.Code))).ToList();
        return new PayslipComparison(baseline, draft, lines);
    }
}
