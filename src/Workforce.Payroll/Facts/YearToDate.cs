using Workforce.Domain.Common;

namespace Workforce.Payroll.Facts;

/// <summary>
/// The worker's figures in the tax year before the period being computed, summed from the
/// year's earlier payslips (the application reads them from the payslips it stored).
/// </summary>
public readonly record struct YearToDate
{
    /// <summary>Figures of a year with no payslip yet.</summary>
    public static YearToDate Empty(int year) => new() { Year = year };

    /// <summary>Tax year.</summary>
    public int Year { get; init; }
    /// <summary>Income taxed by cumulative withholding (excludes a separately taxed annual bonus).</summary>
    public Money TaxableIncome { get; init; }
    /// <summary>Employee social insurance and housing fund (专项扣除).</summary>
    public Money SpecialDeductions { get; init; }
    /// <summary>Special additional deductions (专项附加扣除) used.</summary>
    public Money SpecialAdditionalDeductions { get; init; }
    /// <summary>Tax withheld by the cumulative method.</summary>
    public Money TaxWithheld { get; init; }
    /// <summary>All earnings paid (gross, including any annual bonus): "income paid in the year" for the leader floor.</summary>
    public Money GrossPaid { get; init; }
    /// <summary>Employer contributions paid.</summary>
    public Money EmployerContributions { get; init; }
    /// <summary>Performance pay withheld to the year end.</summary>
    public Money PerformanceReserve { get; init; }
    /// <summary>
    /// Months of basic deduction (减除费用) counted before this period, when an opening balance says so; null: counted
    /// from January or the hire month of this year.
    /// </summary>
    public int? DeductionMonths { get; init; }

    /// <summary>These figures plus one more payslip of the same tax year.</summary>
    public YearToDate Add(Payslip payslip)
    {
        ArgumentNullException.ThrowIfNull(payslip);
        if (payslip.Period.Year != Year)
        {
            throw new DomainException("Payroll.YearToDateWrongYear", payslip.Period.Year, Year);
        }
        return this with
        {
            TaxableIncome = TaxableIncome + payslip.TaxWorksheet.Income,
            SpecialDeductions = SpecialDeductions + payslip.TaxWorksheet.SpecialDeductions,
            SpecialAdditionalDeductions = SpecialAdditionalDeductions + payslip.TaxWorksheet.SpecialAdditionalDeductions,
            TaxWithheld = TaxWithheld + payslip.TaxWorksheet.TaxThisMonth,
            GrossPaid = GrossPaid + payslip.Gross,
            EmployerContributions = EmployerContributions + payslip.EmployerContributions,
            PerformanceReserve = PerformanceReserve + payslip.PerformanceReserve,
        };
    }
}
