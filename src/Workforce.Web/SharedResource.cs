namespace Workforce.Web;

/// <summary>Marker for the UI's resource files (Resources/SharedResource.resx = 简体中文, SharedResource.en.resx = English).</summary>
#pragma warning disable CA1052 // a marker type for IStringLocalizer<T>
public sealed class SharedResource
#pragma warning restore CA1052
{
}
