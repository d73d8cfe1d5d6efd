'use strict';
(function(root, factory) {
  factory(root["Bokeh"], "3.8.1");
})(this, function(Bokeh, version) {
  let define;
  return (function(modules, entry, aliases, externals) {
    const bokeh = typeof Bokeh !== "undefined" ? (version != null ? Bokeh[version] : Bokeh) : null;
    if (bokeh != null) {
      return bokeh.register_plugin(modules, entry, aliases);
    } else {
      throw new Error("Cannot find Bokeh" + (version != null ? " " + version : "") + ". You have to load it prior to loading plugins.");
    }
  })
({
"a1": /* index.js */ function _(require, module, exports, __esModule, __esExport) {
    __esModule();
    const OldExt = require("a2") /* ./old_hello */;
    exports.OldExt = OldExt;
    const base_1 = require("@bokehjs/base");
    (0, base_1.register_models)(OldExt);
},
"a2": /* old_hello.js */ function _(require, module, exports, __esModule, __esExport) {
    var _a;
    __esModule();
    const layout_dom_1 = require("@bokehjs/models/layouts/layout_dom");
    class OldHelloView extends layout_dom_1.LayoutDOMView {
        get child_models() {
            return [];
        }
        render() {
            super.render();
            const div = document.createElement("div");
            div.className = "acc-old-ext-hello";
            div.textContent = `Hello from acc_old_ext: ${this.model.text}`;
            this.shadow_el.append(div);
        }
    }
    exports.OldHelloView = OldHelloView;
    OldHelloView.__name__ = "OldHelloView";
    class OldHello extends layout_dom_1.LayoutDOM {
        constructor(attrs) {
            super(attrs);
        }
    }
    exports.OldHello = OldHello;
    _a = OldHello;
    OldHello.__name__ = "OldHello";
    OldHello.__module__ = "acc_old_ext";
    (() => {
        _a.prototype.default_view = OldHelloView;
        _a.define(({ Str }) => ({ text: [Str, ""] }));
    })();
},
}, "a1", {"index":"a1","old_hello":"a2"}, {});});
