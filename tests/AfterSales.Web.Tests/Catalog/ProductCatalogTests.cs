using System.Net;
using AfterSales.Domain.Products;
using AfterSales.Web.Tests.Foundation;
using AfterSales.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace AfterSales.Web.Tests.Catalog;

public sealed class ProductCatalogTests(AppFixture app) : AppTest(app)
{
    private static KeyValuePair<string, string>[] NewCategory(string code, string name = "净水器", string months = "12", string days = "15") =>
        [new("NewCategory.Code", code), new("NewCategory.Name", name), new("NewCategory.DefaultWarrantyMonths", months), new("NewCategory.ReturnToFactoryDays", days)];

    private static KeyValuePair<string, string>[] NewModel(long categoryId, string code, string name = "净水器 RO-400", string months = "24", string spec = "2:yyMM") =>
        [new("NewModel.CategoryId", categoryId.ToString()), new("NewModel.Code", code), new("NewModel.Name", name), new("NewModel.WarrantyMonths", months), new("NewModel.SerialDateSpec", spec)];

    private async Task<ProductCategory> OwnCategoryAsync()
    {
        await using var db = App.NewDbContext();
        var category = new ProductCategory(CatalogData.NewCode("C"), "测试品类", 12, 12);
        db.ProductCategories.Add(category);
        await db.SaveChangesAsync();
        return category;
    }

    private async Task<ProductModel> OwnModelAsync(long categoryId)
    {
        await using var db = App.NewDbContext();
        var model = new ProductModel(categoryId, CatalogData.NewCode("M"), "测试型号", 12, "2:yyMM");
        db.ProductModels.Add(model);
        await db.SaveChangesAsync();
        return model;
    }

    [Fact]
    public async Task Admin_sees_the_seeded_categories_and_models()
    {
        using var admin = await Client().SignedInAsync("admin1");
        var page = await admin.GetDocumentAsync("/Admin/Products");
        var category = page.Text("[data-testid=category-AC]");
        Assert.Contains("空调", category, StringComparison.Ordinal);
        Assert.Contains("12", category, StringComparison.Ordinal);
        var model = page.Text("[data-testid=model-KFR-35GW]");
        Assert.Contains("2:yyMM", model, StringComparison.Ordinal);
        Assert.Contains("AC", model, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("desk1")]
    [InlineData("dispatch1")]
    [InlineData("tech1")]
    [InlineData("quality1")]
    [InlineData("manager1")]
    public async Task Only_admins_open_the_catalog_pages(string user)
    {
        var model = await CatalogData.ModelAsync(App);
        using var client = await Client().SignedInAsync(user);
        foreach (var url in new[] { "/Admin/Products", $"/Admin/Products/Category/{model.CategoryId}", $"/Admin/Products/Model/{model.Id}" })
        {
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{user} {url} answered {(int)response.StatusCode}");
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Admin_creates_a_category_then_a_model_in_it()
    {
        var code = CatalogData.NewCode("W");
        using var admin = await Client().SignedInAsync("admin1");
        using var created = await admin.PostFormAsync("/Admin/Products", NewCategory(code, days: "12"), "/Admin/Products?handler=CreateCategory");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        await using var db = App.NewDbContext();
        var category = await db.ProductCategories.SingleAsync(c => c.Code == code);
        Assert.Equal(("净水器", 12, 12), (category.Name, category.DefaultWarrantyMonths, category.ReturnToFactoryDays));

        var modelCode = CatalogData.NewCode("RO");
        using var modelCreated = await admin.PostFormAsync("/Admin/Products", NewModel(category.Id, modelCode, spec: " 3:yyyyMM "), "/Admin/Products?handler=CreateModel");
        Assert.Equal(HttpStatusCode.Redirect, modelCreated.StatusCode);
        var model = await db.ProductModels.SingleAsync(m => m.Code == modelCode);
        Assert.Equal((category.Id, "净水器 RO-400", 24, "3:yyyyMM", false), (model.CategoryId, model.Name, model.WarrantyMonths, model.SerialDateSpec, model.Discontinued));

        var list = await admin.GetDocumentAsync("/Admin/Products");
        Assert.Contains("已创建型号", list.Text("[data-testid=flash]"), StringComparison.Ordinal);
        Assert.Contains(code, list.Text($"[data-testid=model-{modelCode}]"), StringComparison.Ordinal);
        Assert.Contains("1", list.Text($"[data-testid=category-{code}]"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "净水器", "12", "15", "此项必填")]
    [InlineData("LONG-CODE-LONG-CODE-LONG-CODE-123", "净水器", "12", "15", "不能超过 32 个字符")]
    [InlineData("AC", "净水器", "12", "15", "已被使用")]
    [InlineData("<b>x", "净水器", "12", "15", "编码只能包含")]
    [InlineData("{new}", "", "12", "15", "此项必填")]
    [InlineData("{new}", "净水器", "0", "15", "保修月数应在 1 到 120 之间")]
    [InlineData("{new}", "净水器", "12", "9", "返厂时限应在 10 到 15 个工作日之间")]
    [InlineData("{new}", "净水器", "12", "16", "返厂时限应在 10 到 15 个工作日之间")]
    public async Task Bad_new_category_is_refused_beside_the_field_and_nothing_is_saved(string code, string name, string months, string days, string message)
    {
        code = code.Replace("{new}", CatalogData.NewCode(), StringComparison.Ordinal);
        await using var db = App.NewDbContext();
        var before = await db.ProductCategories.CountAsync();
        using var admin = await Client().SignedInAsync("admin1");
        using var response = await admin.PostFormAsync("/Admin/Products", NewCategory(code, name, months, days), "/Admin/Products?handler=CreateCategory");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains(message, page.Text("#create-category"), StringComparison.Ordinal);
        Assert.Equal(code, page.Value("#NewCategory_Code"));
        Assert.Equal(name, page.Value("#NewCategory_Name"));
        Assert.Equal(before, await db.ProductCategories.CountAsync());
    }

    [Theory]
    [InlineData("{new}", "x:yyMM", "不是有效的序列号日期格式")]
    [InlineData("{new}", "2:MMyy", "不是有效的序列号日期格式")]
    [InlineData("{new}", "-1:yyMM", "不是有效的序列号日期格式")]
    [InlineData("{new}", "2:yyMM:3", "不是有效的序列号日期格式")]
    [InlineData("KFR-35GW", "2:yyMM", "已被使用")]
    [InlineData("", "2:yyMM", "此项必填")]
    public async Task Bad_new_model_is_refused_beside_the_field_and_nothing_is_saved(string code, string spec, string message)
    {
        code = code.Replace("{new}", CatalogData.NewCode(), StringComparison.Ordinal);
        var category = (await CatalogData.ModelAsync(App)).CategoryId;
        await using var db = App.NewDbContext();
        var before = await db.ProductModels.CountAsync();
        using var admin = await Client().SignedInAsync("admin1");
        using var response = await admin.PostFormAsync("/Admin/Products", NewModel(category, code, spec: spec), "/Admin/Products?handler=CreateModel");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains(message, page.Text("#create-model"), StringComparison.Ordinal);
        Assert.Equal(spec, page.Value("#NewModel_SerialDateSpec"));
        Assert.Equal(code, page.Value("#NewModel_Code"));
        Assert.Equal(category.ToString(), page.Value("#NewModel_CategoryId"));
        Assert.Equal(before, await db.ProductModels.CountAsync());
    }

    [Fact]
    public async Task New_model_needs_an_existing_category_and_a_name_of_at_most_200_characters()
    {
        await using var db = App.NewDbContext();
        var before = await db.ProductModels.CountAsync();
        using var admin = await Client().SignedInAsync("admin1");
        using var noCategory = await admin.PostFormAsync("/Admin/Products", NewModel(0, CatalogData.NewCode()), "/Admin/Products?handler=CreateModel");
        Assert.Contains("请选择品类", (await AppClient.ParseAsync(noCategory)).Text("#create-model"), StringComparison.Ordinal);
        using var missing = await admin.PostFormAsync("/Admin/Products", NewModel(987654321, CatalogData.NewCode()), "/Admin/Products?handler=CreateModel");
        Assert.Contains("请选择品类", (await AppClient.ParseAsync(missing)).Text("#create-model"), StringComparison.Ordinal);
        var category = (await CatalogData.ModelAsync(App)).CategoryId;
        using var longName = await admin.PostFormAsync("/Admin/Products", NewModel(category, CatalogData.NewCode(), name: new string('机', 201)), "/Admin/Products?handler=CreateModel");
        Assert.Contains("不能超过 200 个字符", (await AppClient.ParseAsync(longName)).Text("#create-model"), StringComparison.Ordinal);
        Assert.Equal(before, await db.ProductModels.CountAsync());
    }

    [Fact]
    public async Task Script_in_a_category_name_is_shown_as_text()
    {
        var code = CatalogData.NewCode();
        using var admin = await Client().SignedInAsync("admin1");
        using var created = await admin.PostFormAsync("/Admin/Products", NewCategory(code, "<script>alert(1)</script>"), "/Admin/Products?handler=CreateCategory");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        using var list = await admin.GetAsync("/Admin/Products");
        var html = await list.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_edits_a_category_and_a_model()
    {
        var category = await OwnCategoryAsync();
        var model = await OwnModelAsync(category.Id);
        var other = await CatalogData.ModelAsync(App);
        using var admin = await Client().SignedInAsync("admin1");

        var edit = await admin.GetDocumentAsync($"/Admin/Products/Category/{category.Id}");
        Assert.Equal("测试品类", edit.Value("#Input_Name"));
        using var saved = await admin.PostFormAsync(
            $"/Admin/Products/Category/{category.Id}",
            [new("Input.Name", "改名品类"), new("Input.DefaultWarrantyMonths", "24"), new("Input.ReturnToFactoryDays", "10"), new("Input.Version", edit.Value("#Input_Version")!)]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var modelEdit = await admin.GetDocumentAsync($"/Admin/Products/Model/{model.Id}");
        using var modelSaved = await admin.PostFormAsync(
            $"/Admin/Products/Model/{model.Id}",
            [new("Input.CategoryId", other.CategoryId.ToString()), new("Input.Name", "改名型号"), new("Input.WarrantyMonths", "36"), new("Input.SerialDateSpec", ""),
             new("Input.Discontinued", "true"), new("Input.Version", modelEdit.Value("#Input_Version")!)]);
        Assert.Equal(HttpStatusCode.Redirect, modelSaved.StatusCode);

        await using var db = App.NewDbContext();
        var c = await db.ProductCategories.SingleAsync(x => x.Id == category.Id);
        Assert.Equal((category.Code, "改名品类", 24, 10), (c.Code, c.Name, c.DefaultWarrantyMonths, c.ReturnToFactoryDays));
        var m = await db.ProductModels.SingleAsync(x => x.Id == model.Id);
        Assert.Equal((model.Code, other.CategoryId, "改名型号", 36, (string?)null, true), (m.Code, m.CategoryId, m.Name, m.WarrantyMonths, m.SerialDateSpec, m.Discontinued));
        var list = await admin.GetDocumentAsync("/Admin/Products");
        Assert.NotNull(list.QuerySelector($"[data-testid=model-{model.Code}] [data-testid=discontinued]"));
    }

    [Theory]
    [InlineData("", "12", "10", "此项必填")]
    [InlineData("品类", "121", "10", "保修月数应在 1 到 120 之间")]
    [InlineData("品类", "12", "16", "返厂时限应在 10 到 15 个工作日之间")]
    public async Task Bad_category_edit_is_refused_and_nothing_is_saved(string name, string months, string days, string message)
    {
        var category = await OwnCategoryAsync();
        using var admin = await Client().SignedInAsync("admin1");
        var edit = await admin.GetDocumentAsync($"/Admin/Products/Category/{category.Id}");
        using var response = await admin.PostFormAsync(
            $"/Admin/Products/Category/{category.Id}",
            [new("Input.Name", name), new("Input.DefaultWarrantyMonths", months), new("Input.ReturnToFactoryDays", days), new("Input.Version", edit.Value("#Input_Version")!)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains(message, page.Text("#edit-category"), StringComparison.Ordinal);
        Assert.Equal(name, page.Value("#Input_Name"));
        await using var db = App.NewDbContext();
        var stored = await db.ProductCategories.SingleAsync(c => c.Id == category.Id);
        Assert.Equal(("测试品类", 12, 12), (stored.Name, stored.DefaultWarrantyMonths, stored.ReturnToFactoryDays));
    }

    [Fact]
    public async Task Bad_serial_spec_on_a_model_edit_is_refused_and_nothing_is_saved()
    {
        var model = await OwnModelAsync((await OwnCategoryAsync()).Id);
        using var admin = await Client().SignedInAsync("admin1");
        var edit = await admin.GetDocumentAsync($"/Admin/Products/Model/{model.Id}");
        using var response = await admin.PostFormAsync(
            $"/Admin/Products/Model/{model.Id}",
            [new("Input.CategoryId", model.CategoryId.ToString()), new("Input.Name", "新名字"), new("Input.WarrantyMonths", "12"), new("Input.SerialDateSpec", "2:ddMMyy"), new("Input.Version", edit.Value("#Input_Version")!)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains("不是有效的序列号日期格式", page.Text("#edit-model"), StringComparison.Ordinal);
        Assert.Equal("2:ddMMyy", page.Value("#Input_SerialDateSpec"));
        await using var db = App.NewDbContext();
        var stored = await db.ProductModels.AsNoTracking().SingleAsync(m => m.Id == model.Id);
        Assert.Equal(("测试型号", "2:yyMM"), (stored.Name, stored.SerialDateSpec));
    }

    [Fact]
    public async Task A_category_changed_by_someone_else_meanwhile_is_not_overwritten_and_their_values_are_shown()
    {
        var category = await OwnCategoryAsync();
        using var admin = await Client().SignedInAsync("admin1");
        var edit = await admin.GetDocumentAsync($"/Admin/Products/Category/{category.Id}");
        var seen = edit.Value("#Input_Version")!;

        await using (var db = App.NewDbContext())
        {
            var theirs = await db.ProductCategories.SingleAsync(c => c.Id == category.Id);
            theirs.Rename("对方改的名字");
            await db.SaveChangesAsync();
        }

        using var response = await admin.PostFormAsync(
            $"/Admin/Products/Category/{category.Id}",
            [new("Input.Name", "我的名字"), new("Input.DefaultWarrantyMonths", "12"), new("Input.ReturnToFactoryDays", "12"), new("Input.Version", seen)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains("已被其他人修改", page.Text("#edit-category"), StringComparison.Ordinal);
        Assert.Contains("对方保存的值：对方改的名字", page.Text("#edit-category"), StringComparison.Ordinal);
        Assert.Equal("我的名字", page.Value("#Input_Name"));
        Assert.NotEqual(seen, page.Value("#Input_Version"));

        await using var check = App.NewDbContext();
        Assert.Equal("对方改的名字", await check.ProductCategories.Where(c => c.Id == category.Id).Select(c => c.Name).SingleAsync());

        // Saving again after seeing their values is a deliberate overwrite.
        using var again = await admin.PostFormAsync(
            $"/Admin/Products/Category/{category.Id}",
            [new("Input.Name", "我的名字"), new("Input.DefaultWarrantyMonths", "12"), new("Input.ReturnToFactoryDays", "12"), new("Input.Version", page.Value("#Input_Version")!)]);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("我的名字", await check.ProductCategories.Where(c => c.Id == category.Id).Select(c => c.Name).SingleAsync());
    }

    [Fact]
    public async Task A_model_changed_by_someone_else_meanwhile_is_not_overwritten()
    {
        var model = await OwnModelAsync((await OwnCategoryAsync()).Id);
        using var admin = await Client().SignedInAsync("admin1");
        var edit = await admin.GetDocumentAsync($"/Admin/Products/Model/{model.Id}");
        await using (var db = App.NewDbContext())
        {
            var theirs = await db.ProductModels.SingleAsync(m => m.Id == model.Id);
            theirs.Update(theirs.CategoryId, theirs.Name, 18, theirs.SerialDateSpec, discontinued: true);
            await db.SaveChangesAsync();
        }

        using var response = await admin.PostFormAsync(
            $"/Admin/Products/Model/{model.Id}",
            [new("Input.CategoryId", model.CategoryId.ToString()), new("Input.Name", "测试型号"), new("Input.WarrantyMonths", "24"), new("Input.SerialDateSpec", "2:yyMM"), new("Input.Version", edit.Value("#Input_Version")!)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains("对方保存的值：18", page.Text("#edit-model"), StringComparison.Ordinal);
        Assert.Contains("对方保存的值：已停产", page.Text("#edit-model"), StringComparison.Ordinal);
        await using var check = App.NewDbContext();
        Assert.Equal(18, await check.ProductModels.Where(m => m.Id == model.Id).Select(m => m.WarrantyMonths).SingleAsync());
    }

    [Fact]
    public async Task Unknown_category_or_model_is_not_found()
    {
        using var admin = await Client().SignedInAsync("admin1");
        using var category = await admin.GetAsync("/Admin/Products/Category/987654321");
        Assert.Equal(HttpStatusCode.NotFound, category.StatusCode);
        using var model = await admin.GetAsync("/Admin/Products/Model/987654321");
        Assert.Equal(HttpStatusCode.NotFound, model.StatusCode);
    }
}
