using Microsoft.AspNetCore.Components;

namespace MlOpsPortal.Components.Shared;

/// <summary>
/// A labelled choice as the browser's own <c>&lt;select&gt;</c> in the outlined look of the portal's inputs
/// (<c>.portal-select</c> in app.css), written into the caller's render tree. Filter bars use it instead of MudSelect:
/// keyboard, screen readers and phones get native behaviour, and a MudSelect with its input, popover, list and one
/// component per item is a dozen components or more in every render and in every open circuit.
/// </summary>
public static class NativeSelect
{
    /// <param name="receiver">The component that re-renders after a choice (the caller: <c>this</c>).</param>
    /// <param name="value">The chosen option's value; one no option has leaves the first shown.</param>
    /// <param name="choose">Called with the value of the option chosen.</param>
    public static RenderFragment For(IHandleEvent receiver, string testId, string label, string value,
        IEnumerable<(string Value, string Label)> options, Action<string> choose) =>
        Write(testId, label, value, options, EventCallback.Factory.Create<ChangeEventArgs>(receiver, e => choose(ValueOf(e))));

    /// <inheritdoc cref="For(IHandleEvent, string, string, string, IEnumerable{ValueTuple{string, string}}, Action{string})"/>
    public static RenderFragment For(IHandleEvent receiver, string testId, string label, string value,
        IEnumerable<(string Value, string Label)> options, Func<string, Task> choose) =>
        Write(testId, label, value, options, EventCallback.Factory.Create<ChangeEventArgs>(receiver, e => choose(ValueOf(e))));

    private static string ValueOf(ChangeEventArgs e) => e.Value as string ?? string.Empty;

    private static RenderFragment Write(string testId, string label, string value,
        IEnumerable<(string Value, string Label)> options, EventCallback<ChangeEventArgs> changed) =>
        builder =>
        {
            builder.OpenElement(0, "label");
            builder.AddAttribute(1, "class", "portal-select");
            builder.AddAttribute(2, "data-testid", testId);
            builder.OpenElement(3, "span");
            builder.AddAttribute(4, "class", "portal-select-label");
            builder.AddContent(5, label);
            builder.CloseElement();
            builder.OpenElement(6, "select");
            builder.AddAttribute(7, "value", value);
            builder.AddAttribute(8, "onchange", changed);
            foreach (var (option, text) in options)
            {
                builder.OpenElement(9, "option");
                builder.AddAttribute(10, "value", option);
                builder.AddAttribute(11, "selected", option == value);
                builder.AddContent(12, text);
                builder.CloseElement();
            }

            builder.CloseElement();
            builder.CloseElement();
        };
}
