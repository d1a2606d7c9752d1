namespace Workforce.Web.Infrastructure;

/// <summary>Temporary files for large downloads: written once, streamed to the client, deleted when closed.</summary>
public static class TempFiles
{
    /// <summary>A new read/write temporary file that deletes itself when the stream is closed.</summary>
    public static FileStream Create() =>
        new(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
}
