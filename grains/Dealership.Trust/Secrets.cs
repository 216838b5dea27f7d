using Microsoft.Extensions.Configuration;

namespace Dealership.Trust;

/// <summary>
/// Secrets as files: with Secrets:Directory set (environment Secrets__Directory), every file in that directory is a setting named
/// after the file, "__" for ":" (Auth__SigningKey, Cluster__CallerKey, ConnectionStrings__Dealership), as container secrets are
/// mounted. Keeps keys out of command lines, environment dumps and the repository.
/// </summary>
public static class Secrets
{
    public static IConfigurationBuilder AddSecretsDirectory(this IConfigurationManager configuration)
    {
        if (configuration["Secrets:Directory"] is { Length: > 0 } directory)
        {
            if (!Directory.Exists(directory))
            {
                throw new InvalidOperationException($"Secrets:Directory '{directory}' does not exist.");
            }

            configuration.AddKeyPerFile(Path.GetFullPath(directory), optional: false, reloadOnChange: false);
        }

        return configuration;
    }
}
