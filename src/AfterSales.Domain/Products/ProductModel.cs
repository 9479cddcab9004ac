namespace AfterSales.Domain.Products;

/// <summary>
/// A sellable model in the catalog. Its warranty months come from the product manual; when its serial
/// numbers encode the manufacture date, <see cref="SerialDateSpec"/> says where (e.g. <c>2:yyMM</c>).
/// </summary>
public sealed class ProductModel
{
    private ProductModel()
    {
        Code = "";
        Name = "";
    }

    public ProductModel(long categoryId, string code, string name, int warrantyMonths, string? serialDateSpec = null)
    {
        CategoryId = categoryId;
        Code = Guard.Required(code, 64, "model.code");
        Name = Guard.Required(name, 200, "model.name");
        WarrantyMonths = Guard.Range(warrantyMonths, 1, 120, "model.warranty_months");
        SerialDateSpec = Guard.Optional(serialDateSpec, 32);
    }

    public long Id { get; private set; }

    public long CategoryId { get; private set; }

    public ProductCategory? Category { get; private set; }

    public string Code { get; private set; }

    public string Name { get; private set; }

    public int WarrantyMonths { get; private set; }

    public string? SerialDateSpec { get; private set; }

    public bool Discontinued { get; private set; }

    public uint Version { get; private set; }

    public void Update(long categoryId, string name, int warrantyMonths, string? serialDateSpec, bool discontinued)
    {
        CategoryId = categoryId;
        Name = Guard.Required(name, 200, "model.name");
        WarrantyMonths = Guard.Range(warrantyMonths, 1, 120, "model.warranty_months");
        SerialDateSpec = Guard.Optional(serialDateSpec, 32);
        Discontinued = discontinued;
    }
}
