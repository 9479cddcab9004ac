namespace AfterSales.Web;

/// <summary>Marker for the shared UI strings (kept outside Resources/ so the resx keep their folder-based names): Resources/SharedResource.resx (zh-CN, the default) and SharedResource.en.resx.</summary>
#pragma warning disable CA1052 // a marker type for IStringLocalizer<T> must be instantiable as a type argument
public sealed class SharedResource
#pragma warning restore CA1052
{
}
