namespace Workforce.Payroll.Facts;

/// <summary>
/// The figures of one stored payslip (or a sum of several) that year-to-date figures are made of, in fen:
/// taxable income, 专项扣除, 专项附加扣除, tax withheld, gross, employer contributions, performance reserve.
/// </summary>
/// <param name="Income">Income taxed by cumulative withholding.</param>
/// <param name="Special">Employee social insurance and housing fund.</param>
/// <param name="Additional">Special additional deductions used.</param>
/// <param name="Tax">Tax withheld by the cumulative method.</param>
/// <param name="Gross">Gross pay.</param>
/// <param name="Employer">Employer contributions.</param>
/// <param name="Reserve">Performance withheld to the year end.</param>
public readonly record struct PaidFigures(long Income, long Special, long Additional, long Tax, long Gross, long Employer, long Reserve)
{
    /// <summary>The sum of two payslips' figures.</summary>
    public PaidFigures Plus(PaidFigures o) => new(checked(Income + o.Income), checked(Special + o.Special), checked(Additional + o.Additional),
        checked(Tax + o.Tax), checked(Gross + o.Gross), checked(Employer + o.Employer), checked(Reserve + o.Reserve));

    /// <summary>These figures as the engine's year-to-date figures of <paramref name="year"/>.</summary>
    public YearToDate ToYearToDate(int year) => YearToDate.Empty(year) with
    {
        TaxableIncome = new Money(Income),
        SpecialDeductions = new Money(Special),
        SpecialAdditionalDeductions = new Money(Additional),
        TaxWithheld = new Money(Tax),
        GrossPaid = new Money(Gross),
        EmployerContributions = new Money(Employer),
        PerformanceReserve = new Money(Reserve),
    };
}
