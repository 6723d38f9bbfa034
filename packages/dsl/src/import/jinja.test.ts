import { describe, expect, test } from 'vitest';
import { jinjaToLiquid } from './jinja.js';

const liquid = (source: string) => {
  const converted = jinjaToLiquid(source);
  expect(converted.unsupported, source).toEqual([]);
  return converted.template;
};

describe('Jinja2 to Liquid', () => {
  test('text and plain variables stay as they are', () => {
    expect(liquid('Hello {{ name }}, order {{ order.items[0].title }}!')).toBe('Hello {{ name }}, order {{ order.items[0].title }}!');
    expect(liquid('no tags at all')).toBe('no tags at all');
  });

  test('common filters are renamed, their arguments passed the Liquid way', () => {
    expect(liquid('{{ name | upper }} {{ name|lower }} {{ name | trim }}')).toBe('{{ name | upcase }} {{ name | downcase }} {{ name | strip }}');
    expect(liquid("{{ tags | join(', ') }} ({{ tags | length }})")).toBe("{{ tags | join: ', ' }} ({{ tags | size }})");
    expect(liquid("{{ note | default('n/a') }} {{ note | d('-') }}")).toBe("{{ note | default: 'n/a' }} {{ note | default: '-' }}");
    expect(liquid("{{ text | replace('a', 'b') | truncate(20) }}")).toBe("{{ text | replace: 'a', 'b' | truncate: 20 }}");
    expect(liquid('{{ data | tojson }} {{ html | safe }} {{ price | round(2) }} {{ count | int }}')).toBe(
      '{{ data | json }} {{ html }} {{ price | round: 2 }} {{ count | floor }}',
    );
    expect(liquid("{{ people | map(attribute='name') | join(', ') }}")).toBe("{{ people | map: 'name' | join: ', ' }}");
    expect(liquid('{{ items | first }} {{ items | last }} {{ items | unique | sort }} {{ text | striptags }}')).toBe(
      '{{ items | first }} {{ items | last }} {{ items | uniq | sort }} {{ text | strip_html }}',
    );
  });

  test('for loops, loop variables and filtered or ranged iterables', () => {
    expect(liquid('{% for item in items %}{{ loop.index }}. {{ item.title }}{% if not loop.last %}, {% endif %}{% endfor %}')).toBe(
      '{% for item in items %}{{ forloop.index }}. {{ item.title }}{% unless forloop.last %}, {% endunless %}{% endfor %}',
    );
    expect(liquid('{% for x in items | sort %}{{ x }}{% else %}none{% endfor %}')).toBe(
      '{% assign jinja_value_1 = items | sort %}{% for x in jinja_value_1 %}{{ x }}{% else %}none{% endfor %}',
    );
    expect(liquid('{% for i in range(3) %}{{ i }}{% endfor %}')).toBe('{% for i in (0..2) %}{{ i }}{% endfor %}');
    expect(liquid('{% for i in range(1, n) %}{{ i }}{% endfor %}')).toBe('{% assign jinja_value_1 = n | minus: 1 %}{% for i in (1..jinja_value_1) %}{{ i }}{% endfor %}');
  });

  test('conditions: elif, and / or, in, is defined, is none, length', () => {
    expect(liquid('{% if score >= 90 %}A{% elif score >= 80 and passed %}B{% else %}C{% endif %}')).toBe(
      '{% if score >= 90 %}A{% elsif score >= 80 and passed %}B{% else %}C{% endif %}',
    );
    expect(liquid("{% if 'vip' in tags or user is defined %}x{% endif %}")).toBe("{% if tags contains 'vip' or user != nil %}x{% endif %}");
    expect(liquid('{% if note is none %}-{% endif %}{% if note is not none %}+{% endif %}')).toBe('{% if note == nil %}-{% endif %}{% if note != nil %}+{% endif %}');
    expect(liquid('{% if items|length > 0 and flag == True %}y{% endif %}')).toBe('{% if items.size > 0 and flag == true %}y{% endif %}');
  });

  test('set, comments, concatenation, string methods, arithmetic, whitespace control and raw', () => {
    expect(liquid("{% set full = first ~ ' ' ~ last %}{# who #}{{ full.upper() }}")).toBe(
      "{% assign full = first | append: ' ' | append: last %}{% comment %}who{% endcomment %}{{ full | upcase }}",
    );
    expect(liquid('{% set block %}x{% endset %}{{ block }}')).toBe('{% capture block %}x{% endcapture %}{{ block }}');
    expect(liquid("{{ price * 2 }} {{ total - discount }} {{ csv.split(',') | first }}")).toBe("{{ price | times: 2 }} {{ total | minus: discount }} {{ csv | split: ',' | first }}");
    expect(liquid('{%- if a -%}\n  x\n{%- endif %}')).toBe('{%- if a -%}\n  x\n{%- endif %}');
    expect(liquid('{% raw %}{{ not converted }}{% endraw %}')).toBe('{% raw %}{{ not converted }}{% endraw %}');
  });

  test('what Liquid cannot do is kept as written and reported', () => {
    const converted = jinjaToLiquid("{% macro row(x) %}{{ x }}{% endmacro %}{{ a if b else c }} {{ text | indent(2) }} {{ name | title }} {{ d.items() }}");
    expect(converted.unsupported).toEqual([
      '{% macro row(x) %}',
      '{% endmacro %}',
      '{{ a if b else c }}',
      'filter indent',
      '{{ text | indent(2) }}',
      'filter title (Liquid capitalize uppercases the first letter only)',
      '{{ d.items() }}',
    ]);
    expect(converted.template).toBe("{% macro row(x) %}{{ x }}{% endmacro %}{{ a if b else c }} {{ text | indent(2) }} {{ name | capitalize }} {{ d.items() }}");
    expect(jinjaToLiquid('{% for k, v in d.items() %}{% endfor %}').unsupported).toEqual(['{% for k, v in d.items() %}']);
    expect(jinjaToLiquid('{% if (a or b) and c %}{% endif %}').unsupported).toEqual(['{% if (a or b) and c %}']);
    expect(jinjaToLiquid('{{ unclosed').unsupported).toEqual(['an unclosed tag']);
  });
});
