namespace Workforce.Application.Common;

/// <summary>
/// Documents people attach (a self-report, the evidence of a qualification override): read up to a limit, and accepted only as
/// PDF, JPEG, PNG or a Word document, by the file's own bytes.
/// </summary>
public static class DocumentFiles
{
    /// <summary>Largest document accepted.</summary>
    public const int MaxBytes = 5 * 1024 * 1024;

    /// <summary>The file's bytes, or null when it is empty or longer than <paramref name="maxBytes"/> (read no further than the limit).</summary>
    public static async Task<byte[]?> ReadAsync(Stream file, int maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int n;
        while ((n = await file.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > maxBytes)
            {
                return null;
            }
        }
        return buffer.Length == 0 ? null : buffer.ToArray();
    }

    /// <summary>The content type by the file's first bytes: PDF, JPEG, PNG, or a Word document (a zip holding word/); null for anything else.</summary>
    public static string? ContentTypeOf(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ReadOnlySpan<byte> b = bytes;
        if (b.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }
        if (b.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }
        if (b.StartsWith("PK\x03\x04"u8))
        {
            try
            {
                using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes), System.IO.Compression.ZipArchiveMode.Read);
                if (zip.Entries.Count <= 1000 && zip.GetEntry("word/document.xml") is not null)
                {
                    return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
                }
            }
            catch (InvalidDataException)
            {
                return null;
            }
        }
        return null;
    }
}
