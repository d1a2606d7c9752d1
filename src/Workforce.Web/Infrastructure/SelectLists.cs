using Microsoft.AspNetCore.Mvc.Rendering;
using Workforce.Domain.Organisation;

namespace Workforce.Web.Infrastructure;

/// <summary>Localised options for select boxes.</summary>
public static class SelectLists
{
    /// <summary>Every value of an enum, with its display name.</summary>
    public static List<SelectListItem> ForEnum<T>(UiText text, T? selected = null) where T : struct, Enum
        => Enum.GetValues<T>().Select(v => new SelectListItem(text.Enum(v), v.ToString(), selected.HasValue && selected.Value.Equals(v))).ToList();

    /// <summary>Units, indented by level.</summary>
    public static List<SelectListItem> ForUnits(IEnumerable<OrgUnit> units, long? selected)
        => units.Select(u => new SelectListItem(new string('\u3000', Math.Max(0, (int)u.Type - 1)) + u.Name, u.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), u.Id == selected)).ToList();
}
