using Workforce.Application.Payroll;
using Workforce.Web.Infrastructure;
using Workforce.Web.Infrastructure.Pdf;

namespace Workforce.Web.Features.Payroll;

/// <summary>
/// A payslip laid out on A4 in the reader's language: title, the four totals, every line with its dates and amount and
/// the first line of its explanation (the page and the API give it whole), and the tax worksheet. A typical payslip (about 17 lines) fits one page; a longer
/// one (retroactive corrections) continues on the next. The same layout serves one worker's PDF and a unit's batch.
/// </summary>
public static class PayslipPdf
{
    private const double Left = 42, Right = PdfWriter.PageWidth - 42, Bottom = PdfWriter.PageHeight - 48;

    /// <summary>Writes one payslip starting on a new page.</summary>
    public static void Write(PdfWriter pdf, PayslipView p, UiText t)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(t);
        pdf.NewPage();
        var y = 54.0;
        pdf.Text(Left, y, t.Format("Pay.PayslipTitle", Fmt.M(p.Month), p.WorkerName), 16, bold: true);
        y += 18;
        pdf.Text(Left, y, $"{p.Community} · {t.Enum(p.Post)} · {t["Field.Grade"]} {p.Grade} · {t["Pay.RuleSet"]} {p.RuleSet} · {t.Enum(p.Status)}", 8.5, gray: 0.35);

        // The four totals.
        y += 14;
        var boxWidth = (Right - Left - 18) / 4;
        (string Key, Workforce.Payroll.Money Money)[] totals = [("Pay.Gross", p.Payslip.Gross), ("Pay.Deductions", p.Payslip.Deductions), ("Pay.Tax", p.Payslip.Tax), ("Pay.Net", p.Payslip.Net)];
        for (var i = 0; i < totals.Length; i++)
        {
            var x = Left + (i * (boxWidth + 6));
            pdf.Fill(x, y, boxWidth, 38, i == 3 ? 0.88 : 0.95);
            pdf.Text(x + 8, y + 13, t[totals[i].Key], 8.5, gray: 0.35);
            pdf.TextRight(x + boxWidth - 8, y + 31, totals[i].Money.ToString(), 13, bold: i == 3);
        }
        y += 56;

        // The lines.
        double[] columns = [Left, Left + 150, Left + 210, Right];
        void Header()
        {
            pdf.Fill(Left, y - 11, Right - Left, 15, 0.92);
            pdf.Text(columns[0] + 4, y, t["Pay.Component"], 8.5, bold: true);
            pdf.Text(columns[1], y, t["Pay.Category"], 8.5, bold: true);
            pdf.Text(columns[2], y, t["Pay.Dates"], 8.5, bold: true);
            pdf.TextRight(columns[3] - 4, y, t["Pay.Amount"], 8.5, bold: true);
            y += 14;
        }
        Header();
        foreach (var line in p.Lines)
        {
            var explanation = Wrap(pdf, t.Message(line.Explanation), Right - Left - 12, 6.5, 1);
            if (y + 12 + (explanation.Count * 8.5) > Bottom - 120)
            {
                pdf.NewPage();
                y = 54;
                pdf.Text(Left, y, t.Format("Pay.PayslipTitle", Fmt.M(p.Month), p.WorkerName), 10, bold: true);
                y += 20;
                Header();
            }
            var gray = line.Category == Workforce.Payroll.LineCategory.Information ? 0.45 : 0;
            pdf.Text(columns[0] + 4, y, t.Message(line.Name), 9, gray: gray);
            pdf.Text(columns[1], y, t["Pay.Category." + line.Category], 8, gray: 0.35);
            pdf.Text(columns[2], y, $"{Fmt.D(line.From)} – {Fmt.D(line.To)}", 8, gray: 0.35);
            pdf.TextRight(columns[3] - 4, y, Fmt.Yuan(line.AmountFen), 9, gray: gray);
            foreach (var text in explanation)
            {
                y += 8;
                pdf.Text(columns[0] + 10, y, text, 6.5, gray: 0.45);
            }
            y += 4;
            pdf.Line(Left, y, Right, y, 0.3, 0.85);
            y += 9.5;
        }

        // The tax worksheet, two pairs a row.
        var w = p.Payslip.TaxWorksheet;
        y += 6;
        pdf.Text(Left, y, t["Pay.TaxWorksheet"], 10, bold: true);
        y += 15;
        (string Key, Workforce.Payroll.Money Value)[] worksheet =
        [
            ("Pay.Worksheet.CumulativeIncome", w.CumulativeIncome), ("Pay.Worksheet.BasicDeduction", w.CumulativeBasicDeduction),
            ("Pay.Worksheet.SpecialDeductions", w.CumulativeSpecialDeductions), ("Pay.Worksheet.AdditionalDeductions", w.CumulativeSpecialAdditionalDeductions),
            ("Pay.Worksheet.Taxable", w.CumulativeTaxable), ("Pay.Worksheet.Tax", w.CumulativeTax),
            ("Pay.Worksheet.WithheldBefore", w.WithheldBefore), ("Pay.Worksheet.ThisMonth", w.TaxThisMonth),
        ];
        var half = (Right - Left) / 2;
        for (var i = 0; i < worksheet.Length; i++)
        {
            var x = Left + (i % 2 * half);
            pdf.Text(x, y, t[worksheet[i].Key], 8.5, gray: 0.35);
            pdf.TextRight(x + half - 12, y, worksheet[i].Value.ToString(), 9);
            if (i % 2 == 1)
            {
                y += 14;
            }
        }
    }

    // The text in at most maxLines lines of the width (an ellipsis when cut); widths added rune by rune.
    private static List<string> Wrap(PdfWriter pdf, string text, double width, double size, int maxLines)
    {
        var lines = new List<string>();
        var current = new System.Text.StringBuilder();
        var used = 0.0;
        foreach (var rune in text.Replace('\n', ' ').EnumerateRunes())
        {
            var w = pdf.Width(rune.ToString(), size);
            if (used + w > width)
            {
                if (lines.Count == maxLines - 1)
                {
                    current.Length = Math.Max(0, current.Length - 1);
                    lines.Add(current + "…");
                    return lines;
                }
                lines.Add(current.ToString());
                current.Clear();
                used = 0;
            }
            current.Append(rune.ToString());
            used += w;
        }
        if (current.Length > 0)
        {
            lines.Add(current.ToString());
        }
        return lines;
    }
}
