namespace Dealership.Gateway.WebApp;

/// <summary>
/// The staff web app (client/Dealership.Web, Blazor WebAssembly) served under <c>/app/</c>: its framework files with the
/// headers WebAssembly needs, its static assets, and its index page for every app route (the app routes in the browser).
/// </summary>
public static class StaffWebApp
{
    public const string BasePath = "/app";

    /// <summary>
    /// Static web assets are read from the build's manifest in every environment, so the app is served from a build as from a
    /// publish (where they are in wwwroot).
    /// </summary>
    public static WebApplicationBuilder AddStaffWebApp(this WebApplicationBuilder builder)
    {
        builder.WebHost.UseStaticWebAssets();
        return builder;
    }

    public static WebApplication UseStaffWebApp(this WebApplication app)
    {
        app.UseBlazorFrameworkFiles(BasePath);
        return app;
    }

    public static WebApplication MapStaffWebApp(this WebApplication app)
    {
        app.MapFallbackToFile($"{BasePath}/{{*path:nonfile}}", "app/index.html").AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
