using Dealership.Web.Services;
using Microsoft.AspNetCore.Components;

namespace Dealership.Web.Shared;

/// <summary>
/// The base of every screen: it renders again when the user switches language, so a switch turns every label at once and
/// keeps whatever the user had typed (the screen is not rebuilt).
/// </summary>
public abstract class LanguageAware : ComponentBase, IDisposable
{
    private bool listening;

    [Inject] protected Texts T { get; set; } = null!;

    public override Task SetParametersAsync(ParameterView parameters)
    {
        if (!listening)
        {
            T.Changed += Rerender;
            listening = true;
        }

        return base.SetParametersAsync(parameters);
    }

    private void Rerender() => InvokeAsync(StateHasChanged);

    public void Dispose()
    {
        T.Changed -= Rerender;
        GC.SuppressFinalize(this);
    }
}
