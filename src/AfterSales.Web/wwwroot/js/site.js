// AfterSales page scripts
