using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Workforce.Application.Payroll;
using Workforce.Web.Infrastructure;
using Workforce.Web.Infrastructure.Pdf;

namespace Workforce.Web.Features.Payroll;

/// <summary>
/// Payslips as one PDF streamed to the response: each payslip's pages go out as soon as they are laid out, the subset
/// font and the cross-reference table at the end (a unit's 1,500 payslips never sit in memory).
/// </summary>
public sealed class PayslipPdfResult(string fileName, string title, IAsyncEnumerable<PayslipView> payslips) : IActionResult
{
    /// <summary>One payslip.</summary>
    public static PayslipPdfResult Of(PayslipView payslip)
    {
        ArgumentNullException.ThrowIfNull(payslip);
        return new($"payslip-{Fmt.M(payslip.Month)}-{payslip.WorkerId}.pdf", $"{Fmt.M(payslip.Month)} {payslip.WorkerName}", One(payslip));
    }

    private static async IAsyncEnumerable<PayslipView> One(PayslipView payslip)
    {
        await Task.CompletedTask;
        yield return payslip;
    }

    /// <inheritdoc />
    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.HttpContext.RequestServices;
        var text = services.GetRequiredService<UiText>();
        var font = services.GetRequiredService<PdfFonts>().Font;
        var response = context.HttpContext.Response;
        var ct = context.HttpContext.RequestAborted;
        response.ContentType = ContentTypes.Pdf;
        response.Headers[HeaderNames.ContentDisposition] = new ContentDispositionHeaderValue("attachment") { FileNameStar = fileName }.ToString();
        using var pdf = new PdfWriter(font, title);
        await foreach (var payslip in payslips.WithCancellation(ct))
        {
            PayslipPdf.Write(pdf, payslip, text);
            await pdf.DrainAsync(response.Body, ct);
        }
        pdf.Finish();
        await pdf.DrainAsync(response.Body, ct);
    }
}
