using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AfterSales.Web.Tests.Infrastructure;

/// <summary>The app's own shared-resource localizer, outside a request: for rendering messages in a chosen language in a unit test.</summary>
public static class Localizers
{
    private static readonly IStringLocalizer Shared = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }),
        NullLoggerFactory.Instance).Create(typeof(SharedResource));

    /// <summary>Runs <paramref name="render"/> with the culture set (as a request in that language would).</summary>
    public static T In<T>(string culture, Func<IStringLocalizer, T> render)
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = new CultureInfo(culture);
            return render(Shared);
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current);
        }
    }

    /// <summary>The resource keys of one resx file (<c>SharedResource.resx</c> or <c>SharedResource.en.resx</c>), read from the source tree.</summary>
    public static IReadOnlySet<string> KeysOf(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AfterSales.sln")))
        {
            dir = dir.Parent;
        }

        var path = Path.Combine(dir!.FullName, "src", "AfterSales.Web", "Resources", file);
        return System.Xml.Linq.XDocument.Load(path).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The folder of the domain's source.</summary>
    public static string DomainSource()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AfterSales.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir!.FullName, "src", "AfterSales.Domain");
    }
}
