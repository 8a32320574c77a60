import{$ as e,E as t,F as n,G as r,H as i,Ht as a,It as o,J as s,K as c,Kt as l,Ot as u,T as d,V as f,Vt as p,W as m,Wt as h,X as g,Y as _,_t as v,bt as y,dt as b,en as ee,et as x,ft as S,gt as C,h as w,ht as te,i as T,ln as E,lt as D,n as O,ot as k,p as A,q as j,rt as M,sn as ne,st as N,t as re,tt as P,un as F,v as I,vn as L,vt as R,wt as z,x as B,xt as V,yt as H}from"./index-DIvwpc-L.js";import{a as U,f as W,n as ie,r as ae,t as G}from"./datatable-DFhjNkwp.js";import{t as K}from"./inputtext-DKP4AXxa.js";import{t as oe}from"./tag-C8zWQGCH.js";import{t as q}from"./EmptyState-B_UwEABf.js";import{t as J}from"./ErrorNotice-C2ZZs0sb.js";import{t as Y}from"./RelativeTime-CRa3GABW.js";import{r as X}from"./time-oqNHmczA.js";var se=n.extend({name:`tab`,classes:{root:function(e){var t=e.instance,n=e.props;return[`p-tab`,{"p-tab-active":t.active,"p-disabled":n.disabled}]}}}),Z={name:`Tab`,extends:{name:`BaseTab`,extends:t,props:{value:{type:[String,Number],default:void 0},disabled:{type:Boolean,default:!1},as:{type:[String,Object],default:`BUTTON`},asChild:{type:Boolean,default:!1}},style:se,provide:function(){return{$pcTab:this,$parentInstance:this}}},inheritAttrs:!1,inject:[`$pcTabs`,`$pcTabList`],methods:{onFocus:function(){this.$pcTabs.selectOnFocus&&this.changeActiveValue()},onClick:function(){this.changeActiveValue()},onKeydown:function(e){switch(e.code){case`ArrowRight`:this.onArrowRightKey(e);break;case`ArrowLeft`:this.onArrowLeftKey(e);break;case`Home`:this.onHomeKey(e);break;case`End`:this.onEndKey(e);break;case`PageDown`:this.onPageDownKey(e);break;case`PageUp`:this.onPageUpKey(e);break;case`Enter`:case`NumpadEnter`:case`Space`:this.onEnterKey(e)}},onArrowRightKey:function(e){var t=this.findNextTab(e.currentTarget);t?this.changeFocusedTab(e,t):this.onHomeKey(e),e.preventDefault()},onArrowLeftKey:function(e){var t=this.findPrevTab(e.currentTarget);t?this.changeFocusedTab(e,t):this.onEndKey(e),e.preventDefault()},onHomeKey:function(e){var t=this.findFirstTab();this.changeFocusedTab(e,t),e.preventDefault()},onEndKey:function(e){var t=this.findLastTab();this.changeFocusedTab(e,t),e.preventDefault()},onPageDownKey:function(e){this.scrollInView(this.findLastTab()),e.preventDefault()},onPageUpKey:function(e){this.scrollInView(this.findFirstTab()),e.preventDefault()},onEnterKey:function(e){this.changeActiveValue()},findNextTab:function(e){var t=arguments.length>1&&arguments[1]!==void 0&&arguments[1]?e:e.nextElementSibling;return t?p(t,`data-p-disabled`)||p(t,`data-pc-section`)===`activebar`?this.findNextTab(t):E(t,`[data-pc-name="tab"]`):null},findPrevTab:function(e){var t=arguments.length>1&&arguments[1]!==void 0&&arguments[1]?e:e.previousElementSibling;return t?p(t,`data-p-disabled`)||p(t,`data-pc-section`)===`activebar`?this.findPrevTab(t):E(t,`[data-pc-name="tab"]`):null},findFirstTab:function(){return this.findNextTab(this.$pcTabList.$refs.tabs.firstElementChild,!0)},findLastTab:function(){return this.findPrevTab(this.$pcTabList.$refs.tabs.lastElementChild,!0)},changeActiveValue:function(){this.$pcTabs.updateValue(this.value)},changeFocusedTab:function(e,t){ee(t),this.scrollInView(t)},scrollInView:function(e){var t;e==null||(t=e.scrollIntoView)==null||t.call(e,{block:`nearest`})}},computed:{active:function(){return L(this.$pcTabs?.d_value,this.value)},id:function(){return`${this.$pcTabs?.$id}_tab_${this.value}`},ariaControls:function(){return`${this.$pcTabs?.$id}_tabpanel_${this.value}`},attrs:function(){return M(this.asAttrs,this.a11yAttrs,this.ptmi(`root`,this.ptParams))},asAttrs:function(){return this.as===`BUTTON`?{type:`button`,disabled:this.disabled}:void 0},a11yAttrs:function(){return{id:this.id,tabindex:this.active?this.$pcTabs.tabindex:-1,role:`tab`,"aria-selected":this.active,"aria-controls":this.ariaControls,"data-pc-name":`tab`,"data-p-disabled":this.disabled,"data-p-active":this.active,onFocus:this.onFocus,onKeydown:this.onKeydown}},ptParams:function(){return{context:{active:this.active}}},dataP:function(){return F({active:this.active})}},directives:{ripple:B}};Z.render=function(e,t,n,r,i,a){var o=b(`ripple`);return e.asChild?D(e.$slots,`default`,{key:1,dataP:a.dataP,class:V(e.cx(`root`)),active:a.active,a11yAttrs:a.a11yAttrs,onClick:a.onClick}):v((N(),s(S(e.as),M({key:0,class:e.cx(`root`),"data-p":a.dataP,onClick:a.onClick},a.attrs),{default:C(function(){return[D(e.$slots,`default`)]}),_:3},16,[`class`,`data-p`,`onClick`])),[[o]])};var ce={name:`ChevronLeftIcon`,extends:d};function le(e){return pe(e)||fe(e)||de(e)||ue()}function ue(){throw TypeError(`Invalid attempt to spread non-iterable instance.
In order to be iterable, non-array objects must have a [Symbol.iterator]() method.`)}function de(e,t){if(e){if(typeof e==`string`)return Q(e,t);var n={}.toString.call(e).slice(8,-1);return n===`Object`&&e.constructor&&(n=e.constructor.name),n===`Map`||n===`Set`?Array.from(e):n===`Arguments`||/^(?:Ui|I)nt(?:8|16|32)(?:Clamped)?Array$/.test(n)?Q(e,t):void 0}}function fe(e){if(typeof Symbol<`u`&&e[Symbol.iterator]!=null||e[`@@iterator`]!=null)return Array.from(e)}function pe(e){if(Array.isArray(e))return Q(e)}function Q(e,t){(t==null||t>e.length)&&(t=e.length);for(var n=0,r=Array(t);n<t;n++)r[n]=e[n];return r}ce.render=function(e,t,n,r,i,a){return N(),g(`svg`,M({width:`14`,height:`14`,viewBox:`0 0 14 14`,fill:`none`,xmlns:`http://www.w3.org/2000/svg`},e.pti()),le(t[0]||=[j(`path`,{d:`M9.61296 13C9.50997 13.0005 9.40792 12.9804 9.3128 12.9409C9.21767 12.9014 9.13139 12.8433 9.05902 12.7701L3.83313 7.54416C3.68634 7.39718 3.60388 7.19795 3.60388 6.99022C3.60388 6.78249 3.68634 6.58325 3.83313 6.43628L9.05902 1.21039C9.20762 1.07192 9.40416 0.996539 9.60724 1.00012C9.81032 1.00371 10.0041 1.08597 10.1477 1.22959C10.2913 1.37322 10.3736 1.56698 10.3772 1.77005C10.3808 1.97313 10.3054 2.16968 10.1669 2.31827L5.49496 6.99022L10.1669 11.6622C10.3137 11.8091 10.3962 12.0084 10.3962 12.2161C10.3962 12.4238 10.3137 12.6231 10.1669 12.7701C10.0945 12.8433 10.0083 12.9014 9.91313 12.9409C9.81801 12.9804 9.71596 13.0005 9.61296 13Z`,fill:`currentColor`},null,-1)]),16)};var me=n.extend({name:`tablist`,classes:{root:`p-tablist`,content:`p-tablist-content p-tablist-viewport`,tabList:`p-tablist-tab-list`,activeBar:`p-tablist-active-bar`,prevButton:`p-tablist-prev-button p-tablist-nav-button`,nextButton:`p-tablist-next-button p-tablist-nav-button`}}),he={name:`TabList`,extends:{name:`BaseTabList`,extends:t,props:{},style:me,provide:function(){return{$pcTabList:this,$parentInstance:this}}},inheritAttrs:!1,inject:[`$pcTabs`],data:function(){return{isPrevButtonEnabled:!1,isNextButtonEnabled:!0}},resizeObserver:void 0,inkBarObserver:void 0,watch:{showNavigators:function(e){e?this.bindResizeObserver():this.unbindResizeObserver()},activeValue:{flush:`post`,handler:function(){this.updateInkBar(),this.bindInkBarObserver()}}},mounted:function(){var e=this;setTimeout(function(){e.updateInkBar(),e.bindInkBarObserver()},150),this.showNavigators&&(this.updateButtonState(),this.bindResizeObserver())},updated:function(){this.showNavigators&&this.updateButtonState()},beforeUnmount:function(){this.unbindResizeObserver(),this.unbindInkBarObserver()},methods:{onScroll:function(e){this.showNavigators&&this.updateButtonState(),e.preventDefault()},onPrevButtonClick:function(){var e=this.$refs.content,t=this.getVisibleButtonWidths(),n=a(e)-t,r=Math.abs(e.scrollLeft)-n*.8,i=Math.max(r,0);e.scrollLeft=l(e)?-1*i:i},onNextButtonClick:function(){var e=this.$refs.content,t=this.getVisibleButtonWidths(),n=a(e)-t,r=Math.abs(e.scrollLeft)+n*.8,i=e.scrollWidth-n,o=Math.min(r,i);e.scrollLeft=l(e)?-1*o:o},bindResizeObserver:function(){var e=this;this.resizeObserver=new ResizeObserver(function(){return e.updateButtonState()}),this.resizeObserver.observe(this.$refs.list)},unbindResizeObserver:function(){var e;(e=this.resizeObserver)==null||e.unobserve(this.$refs.list),this.resizeObserver=void 0},bindInkBarObserver:function(){var e=this;this.unbindInkBarObserver();var t=this.$refs.content,n=E(t,`[data-pc-name="tab"][data-p-active="true"]`);n&&(this.inkBarObserver=new ResizeObserver(function(){return e.updateInkBar()}),this.inkBarObserver.observe(n))},unbindInkBarObserver:function(){var e;(e=this.inkBarObserver)==null||e.disconnect(),this.inkBarObserver=void 0},updateInkBar:function(){var e=this.$refs,t=e.content,n=e.inkbar,r=e.tabs;if(n){var i=E(t,`[data-pc-name="tab"][data-p-active="true"]`);this.$pcTabs.isVertical()?(n.style.height=u(i)+`px`,n.style.top=o(i).top-o(r).top+`px`):(n.style.width=ne(i)+`px`,n.style.left=o(i).left-o(r).left+`px`)}},updateButtonState:function(){var e=this.$refs,t=e.list,n=e.content,r=n.scrollTop,i=n.scrollWidth,o=n.scrollHeight,s=n.offsetWidth,c=n.offsetHeight,l=Math.abs(n.scrollLeft),u=[a(n),h(n)],d=u[0],f=u[1];this.$pcTabs.isVertical()?(this.isPrevButtonEnabled=r!==0,this.isNextButtonEnabled=t.offsetHeight>=c&&parseInt(r)!==o-f):(this.isPrevButtonEnabled=l!==0,this.isNextButtonEnabled=t.offsetWidth>=s&&parseInt(l)!==i-d)},getVisibleButtonWidths:function(){var e=this.$refs,t=e.prevButton,n=e.nextButton,r=0;return this.showNavigators&&(r=(t?.offsetWidth||0)+(n?.offsetWidth||0)),r}},computed:{templates:function(){return this.$pcTabs.$slots},activeValue:function(){return this.$pcTabs.d_value},showNavigators:function(){return this.$pcTabs.showNavigators},prevButtonAriaLabel:function(){return this.$primevue.config.locale.aria?this.$primevue.config.locale.aria.previous:void 0},nextButtonAriaLabel:function(){return this.$primevue.config.locale.aria?this.$primevue.config.locale.aria.next:void 0},dataP:function(){return F({scrollable:this.$pcTabs.scrollable})}},components:{ChevronLeftIcon:ce,ChevronRightIcon:ae},directives:{ripple:B}},ge=[`data-p`],_e=[`aria-label`,`tabindex`],ve=[`data-p`],ye=[`aria-orientation`],be=[`aria-label`,`tabindex`];he.render=function(e,t,n,r,i,a){var o=b(`ripple`);return N(),g(`div`,M({ref:`list`,class:e.cx(`root`),"data-p":a.dataP},e.ptmi(`root`)),[a.showNavigators&&i.isPrevButtonEnabled?v((N(),g(`button`,M({key:0,ref:`prevButton`,type:`button`,class:e.cx(`prevButton`),"aria-label":a.prevButtonAriaLabel,tabindex:a.$pcTabs.tabindex,onClick:t[0]||=function(){return a.onPrevButtonClick&&a.onPrevButtonClick.apply(a,arguments)}},e.ptm(`prevButton`),{"data-pc-group-section":`navigator`}),[(N(),s(S(a.templates.previcon||`ChevronLeftIcon`),M({"aria-hidden":`true`},e.ptm(`prevIcon`)),null,16))],16,_e)),[[o]]):_(``,!0),j(`div`,M({ref:`content`,class:e.cx(`content`),onScroll:t[1]||=function(){return a.onScroll&&a.onScroll.apply(a,arguments)},"data-p":a.dataP},e.ptm(`content`)),[j(`div`,M({ref:`tabs`,class:e.cx(`tabList`),role:`tablist`,"aria-orientation":a.$pcTabs.orientation||`horizontal`},e.ptm(`tabList`)),[D(e.$slots,`default`),j(`span`,M({ref:`inkbar`,class:e.cx(`activeBar`),role:`presentation`,"aria-hidden":`true`},e.ptm(`activeBar`)),null,16)],16,ye)],16,ve),a.showNavigators&&i.isNextButtonEnabled?v((N(),g(`button`,M({key:1,ref:`nextButton`,type:`button`,class:e.cx(`nextButton`),"aria-label":a.nextButtonAriaLabel,tabindex:a.$pcTabs.tabindex,onClick:t[2]||=function(){return a.onNextButtonClick&&a.onNextButtonClick.apply(a,arguments)}},e.ptm(`nextButton`),{"data-pc-group-section":`navigator`}),[(N(),s(S(a.templates.nexticon||`ChevronRightIcon`),M({"aria-hidden":`true`},e.ptm(`nextIcon`)),null,16))],16,be)),[[o]]):_(``,!0)],16,ge)};var xe=n.extend({name:`tabpanel`,classes:{root:function(e){return[`p-tabpanel`,{"p-tabpanel-active":e.instance.active}]}}}),$={name:`TabPanel`,extends:{name:`BaseTabPanel`,extends:t,props:{value:{type:[String,Number],default:void 0},as:{type:[String,Object],default:`DIV`},asChild:{type:Boolean,default:!1},header:null,headerStyle:null,headerClass:null,headerProps:null,headerActionProps:null,contentStyle:null,contentClass:null,contentProps:null,disabled:Boolean},style:xe,provide:function(){return{$pcTabPanel:this,$parentInstance:this}}},inheritAttrs:!1,inject:[`$pcTabs`],computed:{active:function(){return L(this.$pcTabs?.d_value,this.value)},id:function(){return`${this.$pcTabs?.$id}_tabpanel_${this.value}`},ariaLabelledby:function(){return`${this.$pcTabs?.$id}_tab_${this.value}`},attrs:function(){return M(this.a11yAttrs,this.ptmi(`root`,this.ptParams))},a11yAttrs:function(){return{id:this.id,tabindex:this.$pcTabs?.tabindex,role:`tabpanel`,"aria-labelledby":this.ariaLabelledby,"data-pc-name":`tabpanel`,"data-p-active":this.active}},ptParams:function(){return{context:{active:this.active}}}}};$.render=function(e,t,n,a,o,c){var l,u;return c.$pcTabs?(N(),g(r,{key:1},[e.asChild?D(e.$slots,`default`,{key:1,class:V(e.cx(`root`)),active:c.active,a11yAttrs:c.a11yAttrs}):(N(),g(r,{key:0},[!((l=c.$pcTabs)!=null&&l.lazy)||c.active?v((N(),s(S(e.as),M({key:0,class:e.cx(`root`)},c.attrs),{default:C(function(){return[D(e.$slots,`default`)]}),_:3},16,[`class`])),[[i,(u=c.$pcTabs)!=null&&u.lazy?!0:c.active]]):_(``,!0)],64))],64)):D(e.$slots,`default`,{key:0})};var Se=n.extend({name:`tabpanels`,classes:{root:`p-tabpanels`}}),Ce={name:`TabPanels`,extends:{name:`BaseTabPanels`,extends:t,props:{},style:Se,provide:function(){return{$pcTabPanels:this,$parentInstance:this}}},inheritAttrs:!1};Ce.render=function(e,t,n,r,i,a){return N(),g(`div`,M({class:e.cx(`root`),role:`presentation`},e.ptmi(`root`)),[D(e.$slots,`default`)],16)};var we=n.extend({name:`tabs`,style:`
    .p-tabs {
        display: flex;
        flex-direction: column;
    }

    .p-tablist {
        display: flex;
        position: relative;
        overflow: hidden;
        background: dt('tabs.tablist.background');
    }

    .p-tablist-viewport {
        overflow-x: auto;
        overflow-y: hidden;
        scroll-behavior: smooth;
        scrollbar-width: none;
        overscroll-behavior: contain auto;
    }

    .p-tablist-viewport::-webkit-scrollbar {
        display: none;
    }

    .p-tablist-tab-list {
        position: relative;
        display: flex;
        border-style: solid;
        border-color: dt('tabs.tablist.border.color');
        border-width: dt('tabs.tablist.border.width');
    }

    .p-tablist-content {
        flex-grow: 1;
    }

    .p-tablist-nav-button {
        all: unset;
        position: absolute !important;
        flex-shrink: 0;
        inset-block-start: 0;
        z-index: 2;
        height: 100%;
        display: flex;
        align-items: center;
        justify-content: center;
        background: dt('tabs.nav.button.background');
        color: dt('tabs.nav.button.color');
        width: dt('tabs.nav.button.width');
        transition:
            color dt('tabs.transition.duration'),
            outline-color dt('tabs.transition.duration'),
            box-shadow dt('tabs.transition.duration');
        box-shadow: dt('tabs.nav.button.shadow');
        outline-color: transparent;
        cursor: pointer;
    }

    .p-tablist-nav-button:focus-visible {
        z-index: 1;
        box-shadow: dt('tabs.nav.button.focus.ring.shadow');
        outline: dt('tabs.nav.button.focus.ring.width') dt('tabs.nav.button.focus.ring.style') dt('tabs.nav.button.focus.ring.color');
        outline-offset: dt('tabs.nav.button.focus.ring.offset');
    }

    .p-tablist-nav-button:hover {
        color: dt('tabs.nav.button.hover.color');
    }

    .p-tablist-prev-button {
        inset-inline-start: 0;
    }

    .p-tablist-next-button {
        inset-inline-end: 0;
    }

    .p-tablist-prev-button:dir(rtl),
    .p-tablist-next-button:dir(rtl) {
        transform: rotate(180deg);
    }

    .p-tab {
        flex-shrink: 0;
        cursor: pointer;
        user-select: none;
        position: relative;
        border-style: solid;
        white-space: nowrap;
        gap: dt('tabs.tab.gap');
        background: dt('tabs.tab.background');
        border-width: dt('tabs.tab.border.width');
        border-color: dt('tabs.tab.border.color');
        color: dt('tabs.tab.color');
        padding: dt('tabs.tab.padding');
        font-weight: dt('tabs.tab.font.weight');
        transition:
            background dt('tabs.transition.duration'),
            border-color dt('tabs.transition.duration'),
            color dt('tabs.transition.duration'),
            outline-color dt('tabs.transition.duration'),
            box-shadow dt('tabs.transition.duration');
        margin: dt('tabs.tab.margin');
        outline-color: transparent;
    }

    .p-tab:not(.p-disabled):focus-visible {
        z-index: 1;
        box-shadow: dt('tabs.tab.focus.ring.shadow');
        outline: dt('tabs.tab.focus.ring.width') dt('tabs.tab.focus.ring.style') dt('tabs.tab.focus.ring.color');
        outline-offset: dt('tabs.tab.focus.ring.offset');
    }

    .p-tab:not(.p-tab-active):not(.p-disabled):hover {
        background: dt('tabs.tab.hover.background');
        border-color: dt('tabs.tab.hover.border.color');
        color: dt('tabs.tab.hover.color');
    }

    .p-tab-active {
        background: dt('tabs.tab.active.background');
        border-color: dt('tabs.tab.active.border.color');
        color: dt('tabs.tab.active.color');
    }

    .p-tabpanels {
        background: dt('tabs.tabpanel.background');
        color: dt('tabs.tabpanel.color');
        padding: dt('tabs.tabpanel.padding');
        outline: 0 none;
    }

    .p-tabpanel:focus-visible {
        box-shadow: dt('tabs.tabpanel.focus.ring.shadow');
        outline: dt('tabs.tabpanel.focus.ring.width') dt('tabs.tabpanel.focus.ring.style') dt('tabs.tabpanel.focus.ring.color');
        outline-offset: dt('tabs.tabpanel.focus.ring.offset');
    }

    .p-tablist-active-bar {
        z-index: 1;
        display: block;
        position: absolute;
        inset-block-end: dt('tabs.active.bar.bottom');
        height: dt('tabs.active.bar.height');
        background: dt('tabs.active.bar.background');
        transition: 250ms cubic-bezier(0.35, 0, 0.25, 1);
    }
`,classes:{root:function(e){return[`p-tabs p-component`,{"p-tabs-scrollable":e.props.scrollable}]}}}),Te={name:`Tabs`,extends:{name:`BaseTabs`,extends:t,props:{value:{type:[String,Number],default:void 0},lazy:{type:Boolean,default:!1},scrollable:{type:Boolean,default:!1},showNavigators:{type:Boolean,default:!0},tabindex:{type:Number,default:0},selectOnFocus:{type:Boolean,default:!1}},style:we,provide:function(){return{$pcTabs:this,$parentInstance:this}}},inheritAttrs:!1,emits:[`update:value`],data:function(){return{d_value:this.value}},watch:{value:function(e){this.d_value=e}},methods:{updateValue:function(e){this.d_value!==e&&(this.d_value=e,this.$emit(`update:value`,e))},isVertical:function(){return this.orientation===`vertical`}}};Te.render=function(e,t,n,r,i,a){return N(),g(`div`,M({class:e.cx(`root`)},e.ptmi(`root`)),[D(e.$slots,`default`)],16)};var Ee={class:`panel`},De={class:`secret`},Oe=w(P({__name:`ApiKeysPanel`,setup(t){let n=H([]),r=H(null),i=H(``),a=H(null),o=H(`responder`),c=H(!0);async function l(){try{n.value=(await T.keys()).items,r.value=null}catch(e){r.value=A(e)}}async function u(){try{a.value=await T.createKey(i.value.trim(),o.value,c.value?[`/alerts/webhook/`]:[]),i.value=``,await l()}catch(e){r.value=A(e)}}async function d(e){try{await T.revokeKey(e.id),await l()}catch(e){r.value=A(e)}}return k(l),(t,l)=>(N(),g(`div`,Ee,[j(`form`,{class:`toolbar`,onSubmit:m(u,[`prevent`])},[l[4]||=j(`label`,{for:`key-name`},`New key named`,-1),x(y(K),{id:`key-name`,modelValue:i.value,"onUpdate:modelValue":l[0]||=e=>i.value=e,placeholder:`alertmanager-prod`},null,8,[`modelValue`]),l[5]||=j(`label`,{for:`key-role`},`with the role`,-1),x(y(U),{modelValue:o.value,"onUpdate:modelValue":l[1]||=e=>o.value=e,"input-id":`key-role`,options:[...y(O)]},null,8,[`modelValue`,`options`]),x(y(ie),{modelValue:c.value,"onUpdate:modelValue":l[2]||=e=>c.value=e,"input-id":`key-webhook`,binary:``},null,8,[`modelValue`]),l[6]||=j(`label`,{for:`key-webhook`},`webhooks only`,-1),x(y(I),{type:`submit`,label:`Create`,icon:`pi pi-plus`,disabled:!i.value.trim()},null,8,[`disabled`])],32),a.value?.key?(N(),s(y(re),{key:0,severity:`warn`,closable:``,onClose:l[3]||=e=>a.value=null},{default:C(()=>[l[7]||=e(` Copy the key `,-1),j(`strong`,null,z(a.value.name),1),l[8]||=e(` now; it is not shown again: `,-1),j(`code`,De,z(a.value.key),1)]),_:1})):_(``,!0),x(J,{error:r.value},null,8,[`error`]),x(y(G),{value:n.value,"data-key":`id`,size:`small`},{empty:C(()=>[x(q,{icon:`pi pi-key`,title:`No API key`},{default:C(()=>[...l[9]||=[e(` Monitoring tools and scripts authenticate with one: create it above. `,-1)]]),_:1})]),default:C(()=>[x(y(W),{field:`name`,header:`Name`}),x(y(W),{header:`Prefix`},{body:C(({data:e})=>[j(`code`,null,z(e.prefix)+`…`,1)]),_:1}),x(y(W),{field:`role`,header:`Role`}),x(y(W),{header:`Limited to`,class:`hide-on-phone`,"header-class":`hide-on-phone`},{body:C(({data:t})=>[e(z(t.allowed_endpoints.join(`, `)||`every route its role allows`),1)]),_:1}),x(y(W),{header:`Created`},{body:C(({data:e})=>[x(Y,{value:e.created_at},null,8,[`value`])]),_:1}),x(y(W),{header:`Last used`},{body:C(({data:e})=>[x(Y,{value:e.last_used_at},null,8,[`value`])]),_:1}),x(y(W),{header:``},{body:C(({data:e})=>[e.is_active?(N(),s(y(I),{key:0,label:`Revoke`,severity:`danger`,text:``,size:`small`,onClick:t=>d(e)},null,8,[`onClick`])):(N(),s(y(oe),{key:1,value:`revoked`,severity:`secondary`}))]),_:1})]),_:1},8,[`value`])]))}}),[[`__scopeId`,`data-v-fa407b39`]]),ke={class:`range`},Ae={class:`range`},je={class:`mono`},Me=w(P({__name:`AuditPanel`,setup(t){let n=[{value:``,label:`Any action`},...[`login`,`login_failed`,`login_throttled`,`logout`,`refresh_reused`,`user_created`,`user_changed`,`key_created`,`key_revoked`].map(e=>({value:e,label:e.replace(`_`,` `)}))],i=H([]),a=H(null),o=H(!1),l=R({who:``,event:``,after:``,before:``}),u=c(()=>Object.values(l).some(e=>e!==``));async function d(){o.value=!0;try{let e={limit:200,who:l.who.trim(),event:l.event,after:X(l.after),before:X(l.before)};i.value=(await T.audit(e)).items,a.value=null}catch(e){a.value=A(e)}finally{o.value=!1}}function p(e){l.who=e.target.value}function h(){Object.assign(l,{who:``,event:``,after:``,before:``})}return te(l,d),k(d),(t,c)=>(N(),g(`div`,null,[j(`form`,{class:`toolbar`,role:`search`,"aria-label":`Audit log filters`,onSubmit:c[3]||=m(()=>{},[`prevent`])},[x(y(K),{"model-value":l.who,placeholder:`Who`,"aria-label":`Who (user or actor)`,onChange:p},null,8,[`model-value`]),x(y(U),{modelValue:l.event,"onUpdate:modelValue":c[0]||=e=>l.event=e,options:n,"option-label":`label`,"option-value":`value`,placeholder:`Any action`,"aria-label":`Action`},null,8,[`modelValue`]),j(`label`,ke,[c[4]||=j(`span`,{class:`muted`},`From`,-1),v(j(`input`,{"onUpdate:modelValue":c[1]||=e=>l.after=e,type:`datetime-local`,class:`p-inputtext`,"aria-label":`At or after`},null,512),[[f,l.after]])]),j(`label`,Ae,[c[5]||=j(`span`,{class:`muted`},`to`,-1),v(j(`input`,{"onUpdate:modelValue":c[2]||=e=>l.before=e,type:`datetime-local`,class:`p-inputtext`,"aria-label":`Before`},null,512),[[f,l.before]])]),u.value?(N(),s(y(I),{key:0,label:`Clear`,icon:`pi pi-times`,text:``,onClick:h})):_(``,!0)],32),x(J,{error:a.value},null,8,[`error`]),x(y(G),{value:i.value,"data-key":`id`,size:`small`,loading:o.value},{empty:C(()=>[x(q,{icon:`pi pi-history`,title:`No audit events`},{default:C(()=>[u.value?(N(),g(r,{key:0},[e(`Nothing matches these filters; clear them to see every event.`)],64)):(N(),g(r,{key:1},[e(`Sign-ins, sign-outs, new users and API keys are recorded here.`)],64))]),_:1})]),default:C(()=>[x(y(W),{header:`When`},{body:C(({data:e})=>[x(Y,{value:e.at},null,8,[`value`])]),_:1}),x(y(W),{header:`Who`},{body:C(({data:t})=>[e(z(t.username||t.actor),1)]),_:1}),x(y(W),{field:`event`,header:`What`}),x(y(W),{field:`actor`,header:`By`,class:`hide-on-phone`,"header-class":`hide-on-phone`}),x(y(W),{field:`ip`,header:`From`,class:`hide-on-phone`,"header-class":`hide-on-phone`}),x(y(W),{header:`Detail`,class:`hide-on-phone`,"header-class":`hide-on-phone`},{body:C(({data:e})=>[j(`span`,je,z(e.detail?JSON.stringify(e.detail):``),1)]),_:1})]),_:1},8,[`value`,`loading`])]))}}),[[`__scopeId`,`data-v-cf60511a`]]),Ne=P({__name:`UsersPanel`,setup(e){let t=H([]),n=R({username:``,password:``,role:`viewer`}),r=H(null);async function i(){try{t.value=(await T.users()).items,r.value=null}catch(e){r.value=A(e)}}async function a(e,t){try{await T.updateUser(e.id,{role:t}),await i()}catch(e){r.value=A(e)}}async function o(){try{await T.createUser({...n,username:n.username.trim()}),Object.assign(n,{username:``,password:``}),await i()}catch(e){r.value=A(e)}}return k(i),(e,i)=>(N(),g(`div`,null,[x(J,{error:r.value},null,8,[`error`]),j(`form`,{class:`toolbar`,onSubmit:m(o,[`prevent`])},[x(y(K),{modelValue:n.username,"onUpdate:modelValue":i[0]||=e=>n.username=e,placeholder:`user name`,"aria-label":`New user's name`,autocomplete:`off`},null,8,[`modelValue`]),x(y(K),{modelValue:n.password,"onUpdate:modelValue":i[1]||=e=>n.password=e,type:`password`,placeholder:`first password`,"aria-label":`New user's password`,autocomplete:`new-password`},null,8,[`modelValue`]),x(y(U),{modelValue:n.role,"onUpdate:modelValue":i[2]||=e=>n.role=e,options:[...y(O)],"aria-label":`New user's role`},null,8,[`modelValue`,`options`]),x(y(I),{type:`submit`,label:`Add user`,icon:`pi pi-user-plus`,disabled:!n.username.trim()||!n.password},null,8,[`disabled`])],32),x(y(G),{value:t.value,"data-key":`id`,size:`small`},{default:C(()=>[x(y(W),{field:`username`,header:`User`}),x(y(W),{field:`email`,header:`Email`,class:`hide-on-phone`,"header-class":`hide-on-phone`}),x(y(W),{header:`Role`},{body:C(({data:e})=>[x(y(U),{"model-value":e.role,options:[...y(O)],placeholder:`no role`,"aria-label":`Role of ${e.username}`,"onUpdate:modelValue":t=>a(e,t)},null,8,[`model-value`,`options`,`aria-label`,`onUpdate:modelValue`])]),_:1})]),_:1},8,[`value`])]))}}),Pe={class:`page`},Fe=P({__name:`AdminPage`,setup(t){return(t,n)=>(N(),g(`section`,Pe,[n[3]||=j(`h1`,{class:`page-title`},`Admin`,-1),x(y(Te),{value:`keys`,lazy:``},{default:C(()=>[x(y(he),null,{default:C(()=>[x(y(Z),{value:`keys`},{default:C(()=>[...n[0]||=[e(`API keys`,-1)]]),_:1}),x(y(Z),{value:`users`},{default:C(()=>[...n[1]||=[e(`Users and roles`,-1)]]),_:1}),x(y(Z),{value:`audit`},{default:C(()=>[...n[2]||=[e(`Audit log`,-1)]]),_:1})]),_:1}),x(y(Ce),null,{default:C(()=>[x(y($),{value:`keys`},{default:C(()=>[x(Oe)]),_:1}),x(y($),{value:`users`},{default:C(()=>[x(Ne)]),_:1}),x(y($),{value:`audit`},{default:C(()=>[x(Me)]),_:1})]),_:1})]),_:1})]))}});export{Fe as default};