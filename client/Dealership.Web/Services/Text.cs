using Microsoft.Kiota.Abstractions.Serialization;

namespace Dealership.Web.Services;

/// <summary>
/// The text of a value the generated client keeps untyped (a problem's field reasons, a task's refs): a string, Kiota's untyped
/// string or a list of them.
/// </summary>
public static class Text
{
    public static string Of(object? value) => value switch
    {
        null => "",
        string s => s,
        UntypedString s => s.GetValue() ?? "",
        UntypedArray a => string.Join(" ", a.GetValue().Select(Of)),
        IEnumerable<object> list => string.Join(" ", list.Select(Of)),
        _ => value.ToString() ?? "",
    };
}
