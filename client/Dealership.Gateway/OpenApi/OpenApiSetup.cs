using Scalar.AspNetCore;

namespace Dealership.Gateway.OpenApi;

/// <summary>The API's OpenAPI document (with each operation's roles, credentials and deprecations) and its browsable reference.</summary>
public static class OpenApiSetup
{
    public static WebApplicationBuilder AddApiDocument(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer<SecuritySchemes>();
            o.AddOperationTransformer<RolesTransformer>();
            o.AddOperationTransformer<SecurityTransformer>();
            o.AddOperationTransformer<RefusalsTransformer>();
            o.AddOperationTransformer<DeprecationTransformer>();
        });
        return builder;
    }

    public static WebApplication MapApiDocument(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference("/docs");
        return app;
    }
}
