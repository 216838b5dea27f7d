using Dealership.Gateway.Apis;
using Dealership.Gateway.Auth;
using Dealership.Gateway.Demo;
using Dealership.Gateway.Feed;
using Dealership.Gateway.Health;
using Dealership.Gateway.Http;
using Dealership.Gateway.OpenApi;
using Dealership.Gateway.Setup;
using Dealership.Gateway.Stores;
using Dealership.Gateway.WebApp;
using Dealership.Trust;

var seedDemo = args.Contains(DemoSetup.Flag);
// Rooted at the build output (appsettings.json, wwwroot), whatever the working directory.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = [.. args.Where(a => a != DemoSetup.Flag)],
    ContentRootPath = AppContext.BaseDirectory,
});

builder.Configuration.AddSecretsDirectory();
builder.AddStaffWebApp();
builder.RequireHttpsBeyondLoopback();
builder.AddDealershipCluster();
builder.AddStaffAuthentication();
builder.AddStoreDirectory();
builder.AddHttpConventions();
builder.AddRateLimits();
builder.AddApiDocument();
builder.AddApiVersions();
builder.AddStoreFeeds();
builder.AddHealthAndTelemetry();
builder.AddDemoGroup();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDefaultFiles();
app.UseStaffWebApp();
app.UseStaticFiles();
app.UseStaffAuthentication();
app.UseRateLimits();
app.UseApiVersions();

app.MapApiDocument();
app.MapHealthAndMetrics();
app.MapDealershipApis();
app.MapStaffWebApp();
app.SeedDemoGroupOnStart(seedDemo);
app.Run();

/// <summary>Exposed for WebApplicationFactory in tests.</summary>
public partial class Program;
