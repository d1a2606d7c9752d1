namespace Workforce.Web.Infrastructure;

/// <summary>Content types of the files the app hands out.</summary>
public static class ContentTypes
{
    /// <summary>An xlsx workbook.</summary>
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    /// <summary>A PDF document.</summary>
    public const string Pdf = "application/pdf";
}
