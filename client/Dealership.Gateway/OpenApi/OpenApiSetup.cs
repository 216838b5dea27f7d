using Dealership.Gateway.Http;
using Microsoft.AspNetCore.OpenApi;
using Scalar.AspNetCore;

namespace Dealership.Gateway.OpenApi;

/// <summary>
/// The API's OpenAPI document (each operation's roles, credentials, Idempotency-Key, deprecation and a description made of
/// them) and its browsable reference. tools/openapi-lint holds the linters ./test.sh runs on it.
/// </summary>
public static class OpenApiSetup
{
    public static WebApplicationBuilder AddApiDocument(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi("v1", o =>
        {
            o.ShouldInclude = d => d.GroupName is null;
            Describe(o);
        });
        builder.Services.AddOpenApi(ApiVersions.V2GroupName, o =>
        {
            o.ShouldInclude = d => d.GroupName == ApiVersions.V2GroupName;
            Describe(o);
            o.AddDocumentTransformer<PersonsTransformer>();
            o.AddOperationTransformer<OperationIdTransformer>();
        });
        return builder;
    }

    private static void Describe(OpenApiOptions o)
    {
        o.AddDocumentTransformer<DocumentInfo>();
        o.AddSchemaTransformer<OptionalFieldsTransformer>();
        o.AddSchemaTransformer<FormatsTransformer>();
        o.AddDocumentTransformer<SecuritySchemes>();
        o.AddDocumentTransformer<EnumSchemaTransformer>();
        o.AddOperationTransformer<RolesTransformer>();
        o.AddOperationTransformer<SecurityTransformer>();
        o.AddOperationTransformer<FormBodyTransformer>();
        o.AddOperationTransformer<ResponsesTransformer>();
        o.AddOperationTransformer<IdempotencyKeyTransformer>();
        o.AddOperationTransformer<FileUploadTransformer>();
        o.AddOperationTransformer<DeprecationTransformer>();

        // Last: it builds on the description a deprecation (or WithDescription) already wrote.
        o.AddOperationTransformer<DescriptionTransformer>();
    }

    public static WebApplication MapApiDocument(this WebApplication app)
    {
        // ASP.NET's document generation shares unguarded collections between requests: two at once (the reference page asks
        // for both versions together) corrupt them, and every later request for a document fails. One at a time, then.
        var generating = new SemaphoreSlim(1, 1);
        app.MapOpenApi().AddEndpointFilter(async (context, next) =>
        {
            await generating.WaitAsync(context.HttpContext.RequestAborted);
            try
            {
                return await next(context);
            }
            finally
            {
                generating.Release();
            }
        });
        app.MapScalarApiReference("/docs", o => o.AddDocument("v1", "Version 1").AddDocument(ApiVersions.V2GroupName, "Version 2"));
        return app;
    }
}
