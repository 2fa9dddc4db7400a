-- The bilingual edition's side-by-side passages (Divs of class "pair" holding
-- two Divs, each with its own lang attribute): a two-column grid in Typst, a
-- two-column layout table in Word.  HTML keeps the Divs; CSS lays them out.
-- Each passage keeps its Div, so its language tag reaches the output.

local function sides_of(el)
  local sides = {}
  for _, block in ipairs(el.content) do
    if block.t == "Div" then
      table.insert(sides, block)
    end
  end
  return sides
end

function Div(el)
  if not el.classes:includes("pair") then
    return nil
  end
  local sides = sides_of(el)
  if #sides ~= 2 then
    return nil
  end
  if FORMAT == "typst" then
    return {
      pandoc.RawBlock("typst", "#grid(columns: (1fr, 1fr), column-gutter: 1.4em)["),
      sides[1],
      pandoc.RawBlock("typst", "]["),
      sides[2],
      pandoc.RawBlock("typst", "]"),
    }
  elseif FORMAT == "docx" then
    local row = pandoc.Row({ pandoc.Cell({ sides[1] }), pandoc.Cell({ sides[2] }) })
    local body = { attr = pandoc.Attr(), body = { row }, head = {}, row_head_columns = 0 }
    local colspecs = { { pandoc.AlignDefault, 0.5 }, { pandoc.AlignDefault, 0.5 } }
    return pandoc.Table(pandoc.Caption(), colspecs, pandoc.TableHead(), { body }, pandoc.TableFoot(),
      pandoc.Attr("", { "pair" }))
  end
  return nil
end
