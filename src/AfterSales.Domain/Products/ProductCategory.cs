namespace AfterSales.Domain.Products;

/// <summary>A family of products (air conditioners, analysers, light trucks…) with its default warranty.</summary>
public sealed class ProductCategory
{
    private ProductCategory()
    {
        Code = "";
        Name = "";
    }

    public ProductCategory(string code, string name, int defaultWarrantyMonths, int returnToFactoryDays = 15)
    {
        Code = Guard.Required(code, 32, "category.code");
        Name = Guard.Required(name, 100, "category.name");
        DefaultWarrantyMonths = Guard.Range(defaultWarrantyMonths, 1, 120, "category.warranty_months");
        ReturnToFactoryDays = Guard.Range(returnToFactoryDays, 10, 15, "category.return_to_factory_days");
    }

    public long Id { get; private set; }

    /// <summary>Short code, also the skill a technician needs for this category.</summary>
    public string Code { get; private set; }

    public string Name { get; private set; }

    public int DefaultWarrantyMonths { get; private set; }

    /// <summary>Working days allowed for a return-to-factory repair (10–15).</summary>
    public int ReturnToFactoryDays { get; private set; }

    public uint Version { get; private set; }

    public void Rename(string name) => Name = Guard.Required(name, 100, "category.name");

    public void ChangeTerms(int defaultWarrantyMonths, int returnToFactoryDays)
    {
        DefaultWarrantyMonths = Guard.Range(defaultWarrantyMonths, 1, 120, "category.warranty_months");
        ReturnToFactoryDays = Guard.Range(returnToFactoryDays, 10, 15, "category.return_to_factory_days");
    }
}
