using AfterSales.Domain;
using AfterSales.Domain.Catalog;

namespace AfterSales.Web.Pages.Admin.Products;

/// <summary>Shape rules the catalog forms share.</summary>
public static class CatalogRules
{
    /// <summary>Codes are typed on phones and printed on work orders: letters, digits, dot, dash, underscore, slash.</summary>
    public const string CodePattern = "^[A-Za-z0-9][A-Za-z0-9._/-]*$";

    public static bool IsSerialDateSpec(string? spec)
    {
        try
        {
            SerialDateFormat.Parse(spec);
            return true;
        }
        catch (DomainException)
        {
            return false;
        }
    }
}
