using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

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
    /// <param name="disabled">Shown but not choosable (another choice decides it).</param>
    public static RenderFragment For(IHandleEvent receiver, string testId, string label, string value,
        IEnumerable<(string Value, string Label)> options, Action<string> choose, bool disabled = false) =>
        Write(testId, label, value, options, EventCallback.Factory.Create<ChangeEventArgs>(receiver, e => choose(ValueOf(e))), disabled);

    /// <inheritdoc cref="For(IHandleEvent, string, string, string, IEnumerable{ValueTuple{string, string}}, Action{string}, bool)"/>
    public static RenderFragment For(IHandleEvent receiver, string testId, string label, string value,
        IEnumerable<(string Value, string Label)> options, Func<string, Task> choose, bool disabled = false) =>
        Write(testId, label, value, options, EventCallback.Factory.Create<ChangeEventArgs>(receiver, e => choose(ValueOf(e))), disabled);

    /// <summary>
    /// As the other forms, with <paramref name="groups"/> after <paramref name="options"/>, each under its label (an
    /// <c>optgroup</c>): a long list of choices that fall into families.
    /// </summary>
    public static RenderFragment For(IHandleEvent receiver, string testId, string label, string value,
        IEnumerable<(string Value, string Label)> options, IEnumerable<OptionGroup> groups, Action<string> choose) =>
        Write(testId, label, value, options, EventCallback.Factory.Create<ChangeEventArgs>(receiver, e => choose(ValueOf(e))), disabled: false, groups);

    /// <summary>"All" (the empty value) first, then each value of <typeparamref name="TEnum"/>, shown by <paramref name="label"/> (its name when none).</summary>
    public static IReadOnlyList<(string Value, string Label)> EnumChoices<TEnum>(string allLabel, Func<TEnum, string>? label = null)
        where TEnum : struct, Enum =>
        [(string.Empty, allLabel), .. Enum.GetValues<TEnum>().Select(v => (v.ToString(), label?.Invoke(v) ?? v.ToString()))];

    /// <summary>
    /// "All" (the empty value) first, then <paramref name="options"/>, then the chosen value if no option has it (from a
    /// shared link: a unit since renamed, an assignee since gone), so the select shows what the view is filtered by.
    /// </summary>
    public static IEnumerable<(string Value, string Label)> WithAll(string allLabel, IEnumerable<(string Value, string Label)> options, string? chosen)
    {
        var listed = options.ToList();
        return [(string.Empty, allLabel), .. listed, .. chosen is null || listed.Exists(o => o.Value == chosen) ? [] : new[] { (chosen, chosen) }];
    }

    /// <summary>The value chosen from <see cref="EnumChoices{TEnum}"/>; null for "all" (or a value that is not one).</summary>
    public static TEnum? ParseEnum<TEnum>(string value)
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(value, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;

    /// <summary>The value chosen; null for "all" (the empty value).</summary>
    public static string? Optional(string value) => value.Length == 0 ? null : value;

    private static string ValueOf(ChangeEventArgs e) => e.Value as string ?? string.Empty;

    private static RenderFragment Write(string testId, string label, string value,
        IEnumerable<(string Value, string Label)> options, EventCallback<ChangeEventArgs> changed, bool disabled, IEnumerable<OptionGroup>? groups = null) =>
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
            builder.AddAttribute(9, "disabled", disabled);
            WriteOptions(builder, options, value);
            foreach (var group in groups ?? [])
            {
                builder.OpenElement(10, "optgroup");
                builder.AddAttribute(11, "label", group.Label);
                WriteOptions(builder, group.Options, value);
                builder.CloseElement();
            }

            builder.CloseElement();
            builder.CloseElement();
        };

    private static void WriteOptions(RenderTreeBuilder builder, IEnumerable<(string Value, string Label)> options, string value)
    {
        foreach (var (option, text) in options)
        {
            builder.OpenElement(20, "option");
            builder.AddAttribute(21, "value", option);
            builder.AddAttribute(22, "selected", option == value);
            builder.AddContent(23, text);
            builder.CloseElement();
        }
    }
}

/// <summary>Choices shown together under <see cref="Label"/> in a <see cref="NativeSelect"/>.</summary>
public sealed record OptionGroup(string Label, IReadOnlyList<(string Value, string Label)> Options);
