using System.Globalization;
using Microsoft.Extensions.Localization;
using NodaTime;
using Workforce.Domain.Common;

namespace Workforce.Web.Infrastructure;

/// <summary>Looks up UI text in the resource files: plain keys, enum names and domain rule messages.</summary>
public sealed class UiText(IStringLocalizer<SharedResource> localizer)
{
    /// <summary>Text for a key.</summary>
    public string this[string key] => localizer[key];

    /// <summary>Text for a key with placeholders.</summary>
    public string Format(string key, params object[] args) => string.Format(CultureInfo.CurrentCulture, localizer[key], args.Select(FormatArgument).ToArray());

    /// <summary>Display name of an enum value (key <c>{Type}.{Value}</c>).</summary>
    public string Enum<T>(T value) where T : struct, Enum => localizer[$"{typeof(T).Name}.{value}"];

    /// <summary>Display name of an optional enum value; empty when null.</summary>
    public string Enum<T>(T? value) where T : struct, Enum => value is { } v ? Enum(v) : string.Empty;

    /// <summary>The user-facing message of a broken business rule.</summary>
    public string Domain(DomainException ex) => Format("Domain." + ex.Code, [.. ex.Arguments]);

    private string FormatArgument(object arg) => arg switch
    {
        System.Enum e => localizer[$"{e.GetType().Name}.{e}"],
        LocalDate d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(arg, CultureInfo.CurrentCulture) ?? string.Empty,
    };
}
