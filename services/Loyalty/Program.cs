using CustomerPlatform.Loyalty;
using CustomerPlatform.Loyalty.Captures;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints(beforeAuthentication: CapturesApi.UseCaptures);
app.MapLoyaltyApiV1();
app.MapCaptures();

app.Run();
