using Dealership.Web.Services;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.WebAssembly.Hosting;
using MudBlazor.Services;

var builder = WebAssemblyHostBuilder.CreateDefault(args);
builder.RootComponents.Add<Dealership.Web.App>("#app");
builder.RootComponents.Add<HeadOutlet>("head::after");
builder.Services.AddMudServices();
builder.Services.AddScoped(_ => new HttpClient { BaseAddress = new Uri(builder.HostEnvironment.BaseAddress) });
builder.Services.AddScoped<Session>();
builder.Services.AddScoped<Texts>();
builder.Services.AddScoped<Api>();
builder.Services.AddScoped<LiveFeed>();
builder.Services.AddScoped<Files>();
builder.Services.AddScoped<StoreTime>();

var host = builder.Build();
await host.Services.GetRequiredService<Texts>().Restore();
await host.Services.GetRequiredService<Session>().Restore();
await host.RunAsync();
