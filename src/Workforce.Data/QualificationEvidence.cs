namespace Workforce.Data;

/// <summary>The document an officer's qualification override rests on (one per applicant, replaced by the next override).</summary>
public sealed class QualificationEvidence
{
    /// <summary>The applicant.</summary>
    public long ApplicantId { get; set; }
    /// <summary>Name as uploaded (shown, never used as a path).</summary>
    public string FileName { get; set; } = string.Empty;
    /// <summary>Content type as detected from the bytes.</summary>
    public string ContentType { get; set; } = string.Empty;
    /// <summary>The file.</summary>
    public byte[] Content { get; set; } = [];
}
