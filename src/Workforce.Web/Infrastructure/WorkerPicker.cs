namespace Workforce.Web.Infrastructure;

/// <summary>
/// A person picker field (Views/Shared/_WorkerPicker): a select whose options come from the scoped look-up
/// (<c>/Workers/Lookup</c>) as the officer types a name, the last digits of an ID number or a community; the id is never typed.
/// </summary>
/// <param name="Name">Form field name (the posted value is the worker's id).</param>
/// <param name="InputId">Element id (for the label).</param>
/// <param name="Multiple">Several people may be chosen.</param>
/// <param name="Required">A choice is required.</param>
/// <param name="Selected">Already chosen people, e.g. when a form comes back with errors or a filter is applied (shown by name; one outside the scope is dropped).</param>
public sealed record WorkerPicker(string Name, string InputId, bool Multiple = false, bool Required = false, IReadOnlyList<long>? Selected = null)
{
    /// <summary>The look-up the picker asks.</summary>
    public const string LookupUrl = "/Workers/Lookup";

    /// <summary>The chosen person of a single picker, if any.</summary>
    public static IReadOnlyList<long>? Of(long? id) => id is { } v ? [v] : null;
}
