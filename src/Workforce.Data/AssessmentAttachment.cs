namespace Workforce.Data;

/// <summary>The file attached to a self-report (个人述职), one per entry; checked for type and size before it is stored.</summary>
public sealed class AssessmentAttachment
{
    /// <summary>The entry (assessment of one worker in one round).</summary>
    public long EntryId { get; set; }
    /// <summary>Name as uploaded (shown, never used as a path).</summary>
    public string FileName { get; set; } = string.Empty;
    /// <summary>Content type as detected from the bytes.</summary>
    public string ContentType { get; set; } = string.Empty;
    /// <summary>The file.</summary>
    public byte[] Content { get; set; } = [];
}
