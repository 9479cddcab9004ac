using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.Extensions.Localization;

namespace AfterSales.Web.Infrastructure.Changes;

/// <summary>
/// The values the other person saved, read back after a concurrency conflict: each field that differs from what this
/// person typed gets "Their value: …" beside it (<c>Edit.TheirValue</c>); what was typed stays in the form.
/// </summary>
public sealed class TheirValues(PropertyValues values, ModelStateDictionary modelState, IStringLocalizer l)
{
    /// <summary>A stored value by the entity's property name.</summary>
    public TValue Get<TValue>(string property) => values.GetValue<TValue>(property);

    /// <summary>The stored row as an entity (not tracked), for a message that names several of its values.</summary>
    public TEntity As<TEntity>()
        where TEntity : class => (TEntity)values.ToObject();

    /// <summary>The version the other person left: put it into the form so the next save is deliberate.</summary>
    public uint Version => values.GetValue<uint>(values.Properties.First(p => p.IsConcurrencyToken));

    /// <summary>Text as typed (trimmed) against theirs; an empty value of theirs reads "—".</summary>
    public void Compare(string key, string? mine, string? theirs)
    {
        if (!string.Equals(mine?.Trim() ?? "", theirs ?? "", StringComparison.Ordinal))
        {
            Show(key, string.IsNullOrEmpty(theirs) ? "—" : theirs);
        }
    }

    /// <summary>Any other value: when it differs, theirs is shown as <paramref name="shown"/> renders it.</summary>
    public void Compare<TValue>(string key, TValue mine, TValue theirs, Func<TValue, string> shown)
    {
        ArgumentNullException.ThrowIfNull(shown);
        if (!EqualityComparer<TValue>.Default.Equals(mine, theirs))
        {
            Show(key, shown(theirs));
        }
    }

    /// <summary>"Their value: …" beside <paramref name="key"/>.</summary>
    public void Show(string key, string theirs) => modelState.AddModelError(key, l["Edit.TheirValue", theirs]);
}
