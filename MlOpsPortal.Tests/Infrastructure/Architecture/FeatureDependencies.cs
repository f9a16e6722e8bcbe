using Microsoft.EntityFrameworkCore;
using Mono.Cecil;
using Mono.Cecil.Cil;
using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Tests.Infrastructure.Architecture;

/// <summary>
/// Reads the compiled portal (IL, so method bodies count too) and lists every reference from one module to another,
/// with the rules of <c>docs/architecture.md</c>: a module uses only modules below it, and another feature only through
/// the types that feature marks <see cref="FeatureContractAttribute"/>.
/// </summary>
internal sealed class FeatureDependencies
{
    /// <summary>Features, lowest first: each may use the ones before it.</summary>
    public static readonly string[] FeatureOrder = ["Notifications", "Usage", "Models", "Monitoring", "Quality", "Deployments", "Incidents", "Access", "Health", "Reports", "Overview"];

    private const string Base = "Infrastructure";
    private const string Shell = "Shell";

    /// <summary>
    /// The composition roots: <c>Program</c> adds and maps every feature, the one context names every feature's tables
    /// and the migrations record them. An entry ending in '.' is a namespace.
    /// </summary>
    private static readonly string[] CompositionRoots =
    [
        "Program",
        "MlOpsPortal.Infrastructure.Data.PortalDbContext", "MlOpsPortal.Infrastructure.Data.SqlitePortalDbContext",
        "MlOpsPortal.Infrastructure.Data.SqlServerPortalDbContext", "MlOpsPortal.Infrastructure.Data.Migrations.",
    ];

    private readonly HashSet<string> entityTypes;
    private readonly Dictionary<string, TypeDefinition> types = new(StringComparer.Ordinal);

    public FeatureDependencies()
    {
        var assembly = typeof(PortalDbContext).Assembly;
        using (var db = new SqlitePortalDbContext(new DbContextOptionsBuilder<SqlitePortalDbContext>().UseSqlite("Data Source=:memory:").Options))
        {
            entityTypes = db.Model.GetEntityTypes().Where(e => !e.IsOwned()).Select(e => e.ClrType.FullName!).ToHashSet(StringComparer.Ordinal);
        }

        using var module = ModuleDefinition.ReadModule(assembly.Location);
        foreach (var type in module.Types.SelectMany(Flatten))
        {
            types[type.FullName] = type;
        }

        Edges = [.. types.Values.SelectMany(EdgesOf).Distinct()];
    }

    public IReadOnlyList<Edge> Edges { get; }

    public IEnumerable<string> Violations()
    {
        foreach (var edge in Edges)
        {
            var from = ModuleOf(edge.From);
            var to = ModuleOf(edge.To);
            if (from is null || to is null || from == to || CompositionRoots.Any(root => edge.From == root || (root.EndsWith('.') && edge.From.StartsWith(root, StringComparison.Ordinal))))
            {
                continue;
            }

            if (Rank(to) > Rank(from))
            {
                yield return $"{from} uses {to}, which is above it: {edge.From} → {edge.To}";
            }
            else if (to is not Base and not Shell && !IsContract(edge))
            {
                yield return $"{from} uses a type {to} keeps to itself: {edge.From} → {edge.To}" +
                    (entityTypes.Contains(edge.To) ? " (an entity: ask the owning feature's service)" : " (not a [FeatureContract])");
            }
        }

        foreach (var contract in types.Values.Where(t => t.DeclaringType is null && IsMarked(t) && entityTypes.Contains(t.FullName)))
        {
            yield return $"{contract.FullName} is an entity and cannot be a [FeatureContract]: its table belongs to its feature";
        }
    }

    /// <summary>The module a top-level type belongs to, or null for code outside the portal's own namespaces.</summary>
    public static string? ModuleOf(string fullName)
    {
        if (fullName is "Program")
        {
            return Shell;
        }

        var parts = fullName.Split('.');
        if (parts.Length < 3 || parts[0] != "MlOpsPortal")
        {
            return null;
        }

        return parts[1] switch
        {
            "Infrastructure" => Base,
            "Components" when parts[2] is "Shared" or "Charts" => Base,
            "Components" => Shell,
            "Features" when parts.Length > 3 => parts[2],
            _ => null,
        };
    }

    private static int Rank(string module) => module switch
    {
        Base => -1,
        Shell => FeatureOrder.Length,
        _ => Array.IndexOf(FeatureOrder, module) is var i and >= 0 ? i : throw new InvalidOperationException($"Feature {module} is not in the architecture's order; add it to FeatureOrder and docs/architecture.md."),
    };

    private bool IsContract(Edge edge)
    {
        if (entityTypes.Contains(edge.To))
        {
            // A foreign key to a lower feature's table is mapped by naming its entity; nothing else may name it.
            return types.TryGetValue(edge.From, out var from) && from.Interfaces.Any(i => i.InterfaceType.Name.StartsWith("IEntityTypeConfiguration", StringComparison.Ordinal));
        }

        return types.TryGetValue(edge.To, out var target) && IsMarked(target);
    }

    private static bool IsMarked(TypeDefinition type) => type.CustomAttributes.Any(a => a.AttributeType.FullName == typeof(FeatureContractAttribute).FullName);

    private static IEnumerable<TypeDefinition> Flatten(TypeDefinition type) => [type, .. type.NestedTypes.SelectMany(Flatten)];

    private static string Outermost(TypeReference type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type.FullName;
    }

    private IEnumerable<Edge> EdgesOf(TypeDefinition type)
    {
        var from = Outermost(type);
        var referenced = new List<TypeReference>();
        void Add(TypeReference? t) => Collect(t, referenced);
        void AddAttributes(Mono.Collections.Generic.Collection<CustomAttribute> attributes)
        {
            foreach (var attribute in attributes)
            {
                Add(attribute.AttributeType);
                foreach (var argument in attribute.ConstructorArguments.Concat(attribute.Properties.Select(p => p.Argument)))
                {
                    Add(argument.Value as TypeReference);
                }
            }
        }

        Add(type.BaseType);
        AddAttributes(type.CustomAttributes);
        foreach (var i in type.Interfaces)
        {
            Add(i.InterfaceType);
        }

        foreach (var field in type.Fields)
        {
            Add(field.FieldType);
            AddAttributes(field.CustomAttributes);
        }

        foreach (var property in type.Properties)
        {
            Add(property.PropertyType);
            AddAttributes(property.CustomAttributes);
        }

        foreach (var method in type.Methods)
        {
            Add(method.ReturnType);
            AddAttributes(method.CustomAttributes);
            foreach (var parameter in method.Parameters)
            {
                Add(parameter.ParameterType);
            }

            if (!method.HasBody)
            {
                continue;
            }

            foreach (var variable in method.Body.Variables)
            {
                Add(variable.VariableType);
            }

            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t:
                        Add(t);
                        break;
                    case MethodReference m:
                        Add(m.DeclaringType);
                        Add(m.ReturnType);
                        foreach (var p in m.Parameters)
                        {
                            Add(p.ParameterType);
                        }

                        if (m is GenericInstanceMethod generic)
                        {
                            foreach (var argument in generic.GenericArguments)
                            {
                                Add(argument);
                            }
                        }

                        break;
                    case FieldReference f:
                        Add(f.DeclaringType);
                        Add(f.FieldType);
                        break;
                }
            }
        }

        return referenced.Select(Outermost).Where(to => to != from && ModuleOf(to) is not null).Select(to => new Edge(from, to));
    }

    private static void Collect(TypeReference? type, List<TypeReference> into)
    {
        switch (type)
        {
            case null or GenericParameter:
                return;
            case GenericInstanceType generic:
                Collect(generic.ElementType, into);
                foreach (var argument in generic.GenericArguments)
                {
                    Collect(argument, into);
                }

                return;
            case TypeSpecification specification:
                Collect(specification.ElementType, into);
                return;
            default:
                into.Add(type);
                return;
        }
    }

    public sealed record Edge(string From, string To);
}
