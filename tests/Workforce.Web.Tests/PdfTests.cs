using System.Diagnostics;
using Workforce.Web.Infrastructure.Pdf;

namespace Workforce.Web.Tests;

/// <summary>
/// The PDF writer on its own: Chinese text in the embedded CFF subset of Noto Sans CJK SC comes back out of poppler's
/// pdftotext, and the subset keeps the file small.
/// </summary>
public sealed class PdfTests
{
    /// <summary>Runs a poppler tool (installed by .ci/run) and returns its standard output.</summary>
    internal static string Poppler(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        process.ExitCode.Should().Be(0, $"{tool} {string.Join(' ', args)}: {error}");
        error.Should().NotContain("Error", "poppler reads the file without complaint");
        return output;
    }

    [Fact]
    public async Task ChineseTextIsEmbeddedAsASmallSubsetAndExtractsAsWritten()
    {
        var font = CjkFont.Load(CjkFont.DefaultPath);
        var file = Path.Combine(Path.GetTempPath(), $"pdf-{Guid.NewGuid():N}.pdf");
        try
        {
            using (var pdf = new PdfWriter(font, "测试"))
            {
                pdf.NewPage();
                pdf.Text(40, 60, "2026-10 工资条 · 张三丰", 16, bold: true);
                pdf.TextRight(550, 90, "实发合计 8,427.60", 12);
                pdf.Line(40, 100, 550, 100);
                pdf.NewPage();
                pdf.Text(40, 60, "第二页 ABC xyz 0123456789 ¥", 10);
                pdf.Finish();
                await using var output = File.Create(file);
                await pdf.DrainAsync(output, CancellationToken.None);
            }
            var text = Poppler("pdftotext", "-layout", file, "-");
            text.Should().Contain("2026-10 工资条 · 张三丰").And.Contain("实发合计 8,427.60").And.Contain("第二页 ABC xyz 0123456789 ¥");
            Poppler("pdfinfo", file).Should().MatchRegex(@"Pages:\s+2\n");
            Poppler("pdffonts", file).Should().Contain("CID Type 0C").And.Contain("NotoSansCJKsc");
            Console.WriteLine($"{new FileInfo(file).Length} bytes; {Poppler("pdffonts", file)}");
            new FileInfo(file).Length.Should().BeLessThan(400_000, "a subset, not the 14 MB font");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
