using CustomerPlatform.Gateway;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGateway();

var app = builder.Build();

app.UseSecurityHeaders();
app.MapDefaultEndpoints();
app.MapReverseProxy();

app.Run();
