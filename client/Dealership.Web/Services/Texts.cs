using Microsoft.JSInterop;

namespace Dealership.Web.Services;

/// <summary>
/// The app's words in 简体中文 (the default) and English, by a switch the browser remembers. Every label comes from here, so
/// a screen is never half translated; a key without a translation shows the key, which a test catches.
/// </summary>
public sealed class Texts(IJSRuntime js)
{
    private const string Key = "dealership.language";

    public const string Chinese = "zh-CN";

    public const string English = "en";

    public string Language { get; private set; } = Chinese;

    public bool IsEnglish => Language == English;

    public event Action? Changed;

    public string this[string key] => Words.All.TryGetValue(key, out var w) ? (IsEnglish ? w.En : w.Zh) : key;

    /// <summary>A text with its placeholders ({0}, {1}…) filled.</summary>
    public string Format(string key, params object[] values) => string.Format(System.Globalization.CultureInfo.InvariantCulture, this[key], values);

    public async Task Restore()
    {
        Language = await js.InvokeAsync<string?>("localStorage.getItem", Key) == English ? English : Chinese;
        await js.InvokeVoidAsync("document.documentElement.setAttribute", "lang", Language);
    }

    public async Task Use(string language)
    {
        Language = language == English ? English : Chinese;
        await js.InvokeVoidAsync("localStorage.setItem", Key, Language);
        await js.InvokeVoidAsync("document.documentElement.setAttribute", "lang", Language);
        Changed?.Invoke();
    }
}
