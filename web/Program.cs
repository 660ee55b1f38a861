using CustomerPlatform.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using Microsoft.FluentUI.AspNetCore.Components;

// The gateway prerenders every page (gateway/Components/App.razor) and names the root components; here
// the same components take over in the browser.
var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.ConfigureContainer(new LateServicesFactory());

builder.Services.AddFluentUIComponents();
builder.Services.AddPlatformApi(_ => new HttpClient(new CsrfHeaderHandler { InnerHandler = new HttpClientHandler() })
{
    BaseAddress = new Uri(builder.HostEnvironment.BaseAddress),
});

await builder.Build().RunAsync();
