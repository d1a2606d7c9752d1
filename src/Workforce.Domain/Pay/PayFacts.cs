using NodaTime;
using Workforce.Domain.Assessment;
using Workforce.Domain.Common;

namespace Workforce.Domain.Pay;

/// <summary>A worker's annual assessment (年度考核) for one year; one per worker and year.</summary>
public sealed class AnnualAssessment
{
    private AnnualAssessment() { }

    /// <summary>Records a rating.</summary>
    public AnnualAssessment(long workerId, int year, AssessmentRating rating, LocalDate recordedOn, string? note = null)
    {
        WorkerId = workerId;
        Year = PayYears.Check(year, "Year");
        RecordedOn = recordedOn;
        Change(rating, note);
    }

    /// <summary>Key.</summary>
    public long Id { get; private set; }
    /// <summary>Worker.</summary>
    public long WorkerId { get; private set; }
    /// <summary>Assessed year.</summary>
    public int Year { get; private set; }
    /// <summary>Rating.</summary>
    public AssessmentRating Rating { get; private set; }
    /// <summary>Day recorded (a late assessment of a locked year leads to retroactive corrections).</summary>
    public LocalDate RecordedOn { get; private set; }
    /// <summary>Remark (e.g. the decision document).</summary>
    public string? Note { get; private set; }

    /// <summary>Corrects the rating.</summary>
    public void Change(AssessmentRating rating, string? note)
    {
        if (!Enum.IsDefined(rating))
        {
            throw new DomainException("Pay.RatingInvalid") { Field = "Rating" };
        }
        Rating = rating;
        Note = Text.Optional(note, 200, "Note");
    }
}

/// <summary>Recognition as 社区治理带头人 for a year (the 1.5× income floor applies); one per worker and year.</summary>
public sealed class LeaderRecognition
{
    private LeaderRecognition() { Document = string.Empty; }

    /// <summary>Records a recognition.</summary>
    public LeaderRecognition(long workerId, int year, string document, LocalDate recognisedOn)
    {
        WorkerId = workerId;
        Year = PayYears.Check(year, "Year");
        Document = Text.Required(document, 100, "Document");
        RecognisedOn = recognisedOn;
    }

    /// <summary>Key.</summary>
    public long Id { get; private set; }
    /// <summary>Worker.</summary>
    public long WorkerId { get; private set; }
    /// <summary>Year recognised for.</summary>
    public int Year { get; private set; }
    /// <summary>Decision document (文号).</summary>
    public string Document { get; private set; }
    /// <summary>Date of the decision.</summary>
    public LocalDate RecognisedOn { get; private set; }
}

/// <summary>Special additional deductions (专项附加扣除) a worker declared for a month; one per worker and month.</summary>
public sealed class SpecialDeduction
{
    /// <summary>Largest monthly total accepted (a typing error guard, not a tax rule).</summary>
    public const long MaxFen = 10_000_000;

    private SpecialDeduction() { }

    /// <summary>Records a declaration.</summary>
    public SpecialDeduction(long workerId, YearMonth month, long amountFen)
    {
        WorkerId = workerId;
        Month = month;
        PayYears.Check(month.Year, "Month");
        Change(amountFen);
    }

    /// <summary>Key.</summary>
    public long Id { get; private set; }
    /// <summary>Worker.</summary>
    public long WorkerId { get; private set; }
    /// <summary>Pay period.</summary>
    public YearMonth Month { get; private set; }
    /// <summary>Total of the month, in fen.</summary>
    public long AmountFen { get; private set; }

    /// <summary>Replaces the amount.</summary>
    public void Change(long amountFen)
    {
        if (amountFen is < 0 or > MaxFen)
        {
            throw new DomainException("Pay.DeductionOutOfRange", MaxFen / 100) { Field = "Amount" };
        }
        AmountFen = amountFen;
    }
}

internal static class PayYears
{
    public static int Check(int year, string field) =>
        year is >= 2000 and <= 2100 ? year : throw new DomainException("Pay.YearOutOfRange", year) { Field = field };
}
