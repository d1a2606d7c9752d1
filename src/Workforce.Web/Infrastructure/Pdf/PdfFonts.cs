using Microsoft.Extensions.Options;

namespace Workforce.Web.Infrastructure.Pdf;

/// <summary>Where the PDF font is read from.</summary>
public sealed class PdfOptions
{
    /// <summary>A font collection or file holding Noto Sans CJK SC (CFF outlines); default: Debian's fonts-noto-cjk.</summary>
    public string FontFile { get; set; } = CjkFont.DefaultPath;
}

/// <summary>The PDF font, read once on first use (about 20 MB read, a few MB kept) and shared by every document.</summary>
public sealed class PdfFonts(IOptions<PdfOptions> options)
{
    private readonly Lazy<CjkFont> _font = new(() => CjkFont.Load(options.Value.FontFile), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The font.</summary>
    public CjkFont Font => _font.Value;
}
