using CustomerPlatform.Loyalty;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapLoyaltyApiV1();

app.Run();
