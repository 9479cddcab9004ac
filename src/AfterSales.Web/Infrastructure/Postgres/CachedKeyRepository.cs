using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace AfterSales.Web.Infrastructure.Postgres;

/// <summary>
/// The data-protection keys (sign-in cookies, form tokens) as last read from the database: while the database is down
/// the key ring read a moment ago still serves, so the sign-in page and the cookies of people already signed in keep
/// working instead of failing on a refresh.
/// </summary>
public sealed class CachedKeyRepository(IXmlRepository inner) : IXmlRepository
{
    private IReadOnlyCollection<XElement>? _last;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        try
        {
            var elements = inner.GetAllElements();
            _last = elements.Select(e => new XElement(e)).ToList();
            return elements;
        }
        catch (Exception e) when (_last is not null && (DatabaseStartup.IsUnreachable(e) || (e.InnerException is { } inner && DatabaseStartup.IsUnreachable(inner))))
        {
            return _last.Select(x => new XElement(x)).ToList();
        }
    }

    public void StoreElement(XElement element, string friendlyName) => inner.StoreElement(element, friendlyName);
}
