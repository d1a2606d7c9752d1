namespace Workforce.Application.Common;

/// <summary>
/// The UI's texts, as far as use cases need them (a port: the web host and the CLI read them from the
/// resource file). Use cases never return translated text; they use this only to read what people typed
/// in either language (import headers, display names of enum values) and to name records the system
/// creates on someone's behalf in the reader's language.
/// </summary>
public interface ITextCatalog
{
    /// <summary>The text of <paramref name="key"/> in the current UI language.</summary>
    string Text(string key);

    /// <summary>The text of <paramref name="key"/> in every supported language (for reading input).</summary>
    IReadOnlyList<string> Spellings(string key);
}
