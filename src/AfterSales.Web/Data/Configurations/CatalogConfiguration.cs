using AfterSales.Domain.Products;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AfterSales.Web.Data.Configurations;

public sealed class ProductCategoryConfiguration : IEntityTypeConfiguration<ProductCategory>
{
    public void Configure(EntityTypeBuilder<ProductCategory> builder)
    {
        builder.ToTable("product_categories");
        builder.Property(c => c.Code).HasMaxLength(32);
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.HasIndex(c => c.Code).IsUnique();
        builder.Property(c => c.Version).IsRowVersion();
    }
}

public sealed class ProductModelConfiguration : IEntityTypeConfiguration<ProductModel>
{
    public void Configure(EntityTypeBuilder<ProductModel> builder)
    {
        builder.ToTable("product_models");
        builder.Property(m => m.Code).HasMaxLength(64);
        builder.Property(m => m.Name).HasMaxLength(200);
        builder.Property(m => m.SerialDateSpec).HasMaxLength(32);
        builder.HasIndex(m => m.Code).IsUnique();
        builder.HasOne(m => m.Category).WithMany().HasForeignKey(m => m.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(m => m.Version).IsRowVersion();
    }
}
